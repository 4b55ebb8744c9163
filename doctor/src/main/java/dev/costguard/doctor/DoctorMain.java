package dev.costguard.doctor;

import dev.costguard.aws.AwsClientSettings;
import dev.costguard.aws.AwsClients;
import dev.costguard.aws.budgets.AwsBudgetSpend;
import dev.costguard.aws.cloudfront.CloudFrontTools;
import dev.costguard.aws.ec2.Ec2Tools;
import dev.costguard.aws.ec2.Ec2VpcEndpoints;
import dev.costguard.aws.ecs.EcsTaskDefinitions;
import dev.costguard.aws.ecs.EcsTools;
import dev.costguard.aws.efs.EfsTools;
import dev.costguard.aws.lambda.LambdaConcurrencyQuota;
import dev.costguard.aws.lambda.LambdaFunctionInvoker;
import dev.costguard.aws.lambda.LambdaTools;
import dev.costguard.aws.logs.CloudWatchLogEvents;
import dev.costguard.aws.s3.S3StateBuckets;
import dev.costguard.aws.scheduler.EventBridgeSchedules;
import dev.costguard.aws.sfn.StepFunctionsExecutions;
import dev.costguard.aws.sns.SnsTools;
import dev.costguard.aws.ssm.SsmManagedInstances;
import dev.costguard.aws.sts.StsAccountIdentity;
import dev.costguard.core.json.Json;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Deadline;
import dev.costguard.core.time.Sleeper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code doctor} and {@code smoke} (scripts/doctor.sh, make doctor / make smoke). Exit status: 0 when nothing failed,
 * 1 when a check or step failed, 2 when the command line or an input file is wrong (nothing was called then).
 */
public final class DoctorMain {

    /** The reserve the smoke test keeps for its report's publish, and the doctor for its table. */
    static final Duration REPORT_RESERVE = Duration.ofSeconds(10);

    private DoctorMain() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv(), System.out, System.err));
    }

    /** Runs one command with the deployer's credentials; {@code environment} gives COSTGUARD_AWS_ENDPOINT_URL and AWS_REGION. */
    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Inputs inputs;
        try {
            inputs = Inputs.read(args, environment);
        } catch (InvalidInputsException e) {
            e.problems().forEach(problem -> err.println("doctor: " + problem));
            err.print(ToolSettings.usage());
            return 2;
        }
        Clock clock = Clock.systemUTC();
        CurrentDeadline current = new CurrentDeadline(clock);
        Deadline deadline = Deadline.fromRemaining(clock, inputs.settings().timeout(), REPORT_RESERVE);
        current.set(deadline);
        AwsClients clients = AwsClients.forDeployer(inputs.aws(), current);
        return execute(inputs, account(clients), clock, Sleeper.SYSTEM, deadline, environment, out);
    }

    /** The checks or steps against an account; separated from the wiring so tests run it against the fake account. */
    static int execute(Inputs inputs, Account account, Clock clock, Sleeper sleeper, Deadline deadline, Map<String, String> environment,
            PrintStream out) {
        ToolSettings settings = inputs.settings();
        if (settings.command() == ToolSettings.Command.DOCTOR) {
            List<CheckResult> results = new Doctor(account, inputs.stack(), settings.tfvars().toString(), inputs.stateBucket(),
                    Optional.ofNullable(environment.get("AWS_REGION")).filter(r -> !r.isBlank()), deadline).run();
            out.print(Table.doctor("Cost Guard doctor: " + settings.env() + " (" + settings.tfvars() + ", region " + inputs.stack().region() + ")",
                    results));
            return results.stream().anyMatch(r -> r.verdict() == Verdict.FAIL) ? 1 : 0;
        }
        RunReport report = new Smoke(account, inputs.stack(), inputs.outputs(), settings.env(), settings.events(), settings, clock,
                sleeper, deadline).run();
        out.println("Cost Guard smoke: " + settings.env() + " (region " + inputs.stack().region() + ")");
        out.print(Table.smoke(report));
        out.println(Json.write(report));
        boolean published = report.notification() != null && report.notification().succeeded();
        return report.overallSuccess() && published ? 0 : 1;
    }

    static Account account(AwsClients clients) {
        return new Account(StsAccountIdentity.standalone(clients), LambdaConcurrencyQuota.standalone(clients),
                LambdaTools.functionThrottle(clients), Ec2Tools.instances(clients), CloudFrontTools.distributions(clients),
                EcsTools.containerServices(clients), EfsTools.mountTargets(clients), SsmManagedInstances.standalone(clients),
                Ec2VpcEndpoints.standalone(clients), AwsBudgetSpend.standalone(clients), S3StateBuckets.standalone(clients),
                EcsTaskDefinitions.standalone(clients), LambdaFunctionInvoker.standalone(clients), EventBridgeSchedules.standalone(clients),
                StepFunctionsExecutions.standalone(clients), CloudWatchLogEvents.standalone(clients), SnsTools.notifier(clients));
    }

    /** Every problem of the inputs (command line, tfvars, backend, outputs, endpoint), each naming its source. */
    static final class InvalidInputsException extends IllegalArgumentException {
        private final List<String> problems;

        InvalidInputsException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    /** The checked inputs of one run. */
    record Inputs(ToolSettings settings, StackInputs stack, Optional<String> stateBucket, Map<String, String> outputs,
            AwsClientSettings aws) {

        static Inputs read(List<String> args, Map<String, String> environment) {
            ToolSettings settings;
            try {
                settings = ToolSettings.parse(args);
            } catch (ToolSettings.InvalidCommandLineException e) {
                throw new InvalidInputsException(e.problems());
            }
            List<String> problems = new ArrayList<>();
            StackInputs stack = null;
            try {
                List<String> found = new ArrayList<>();
                stack = StackInputs.read(Tfvars.parse(settings.tfvars().toString(), Files.readString(settings.tfvars())), settings.env(), found);
                found.forEach(problem -> problems.add(settings.tfvars() + ": " + problem));
            } catch (Tfvars.SyntaxException | IOException e) {
                problems.add(e.getMessage());
            }
            Optional<String> bucket = Optional.empty();
            if (settings.backend().isPresent()) {
                Path backend = settings.backend().get();
                try {
                    Object value = Tfvars.parse(backend.toString(), Files.readString(backend)).get("bucket");
                    if (value instanceof String name && !name.isBlank()) {
                        bucket = Optional.of(name);
                    } else {
                        problems.add(backend + ": bucket is required (the S3 bucket that holds the state)");
                    }
                } catch (Tfvars.SyntaxException | IOException e) {
                    problems.add(e.getMessage());
                }
            }
            Map<String, String> outputs = Map.of();
            if (settings.outputs().isPresent()) {
                try {
                    outputs = Smoke.outputs(Files.readString(settings.outputs().get()));
                } catch (IllegalArgumentException | IOException e) {
                    problems.add(settings.outputs().get() + ": " + e.getMessage());
                }
            }
            Optional<URI> endpoint = endpoint(environment.get("COSTGUARD_AWS_ENDPOINT_URL"), problems);
            if (!problems.isEmpty()) {
                throw new InvalidInputsException(problems);
            }
            AwsClientSettings aws = new AwsClientSettings(endpoint, Optional.of(stack.region()), 4, Duration.ofSeconds(20), Optional.empty());
            return new Inputs(settings, stack, bucket, outputs, aws);
        }

        private static Optional<URI> endpoint(String url, List<String> problems) {
            if (url == null || url.isBlank()) {
                return Optional.empty();
            }
            try {
                URI uri = new URI(url.strip());
                if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                    problems.add("COSTGUARD_AWS_ENDPOINT_URL '" + url + "' is not an absolute http(s) URL (e.g. http://127.0.0.1:4566)");
                    return Optional.empty();
                }
                return Optional.of(uri);
            } catch (URISyntaxException e) {
                problems.add("COSTGUARD_AWS_ENDPOINT_URL '" + url + "' is not a URL (" + e.getReason() + ")");
                return Optional.empty();
            }
        }
    }
}
