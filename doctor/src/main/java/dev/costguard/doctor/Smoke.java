package dev.costguard.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.core.json.Json;
import dev.costguard.core.ports.Executions.Execution;
import dev.costguard.core.ports.FunctionInvoker.Invocation;
import dev.costguard.core.ports.Schedules.Schedule;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.StepOutcome;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.run.FailurePolicy;
import dev.costguard.core.run.Produced;
import dev.costguard.core.run.StepRunner;
import dev.costguard.core.time.Deadline;
import dev.costguard.core.time.Sleeper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `make smoke`: after a deploy, proves each trigger path in the real account without changing anything billable:
 * every function's {@code live} alias runs its dry-run event and returns a complete report; a one-off {@code at()}
 * schedule with the recovery schedule's group and role fires the recovery's dry run; the state machine runs the
 * batch's dry run. Every step runs whatever the others did; one Chatbot message carries the result.
 */
public final class Smoke {

    /** A Cost Guard function the smoke test invokes: its name's suffix, its dry-run event, and the phases its report must hold. */
    public record Target(String key, String outputName, String event, List<String> phases) {
    }

    /** The four functions, their dry-run events (events/) and their phases, as each flow names them. */
    public static final List<Target> TARGETS = List.of(
            new Target("shutdown", "shutdown_lambda_function_name", "manual-dry-run.json",
                    List.of("guard", "snapshot", "throttle-functions", "drain", "stop-api-service", "stop-instance", "disable-distribution")),
            new Target("recovery", "recovery_lambda_function_name", "recovery-dry-run.json",
                    List.of("assess", "start-instance", "health-check", "restore-functions", "enable-distribution", "clear-snapshot", "unknown-items")),
            new Target("ecs-scheduler", "ecs_scheduler_lambda_function_name", "ecs-dry-run.json",
                    List.of("guard", "remember", "stop-services")),
            new Target("efs-scaler", "efs_scaler_lambda_function_name", "efs-dry-run.json",
                    List.of("count", "threshold", "survey", "mount-target", "publish", "redeploy")));

    static final String ALIAS = "live";
    static final String BATCH_EVENT = "batch-dry-run.json";

    private final Account account;
    private final StackInputs inputs;
    private final Map<String, String> outputs;
    private final String env;
    private final Path events;
    private final ToolSettings timing;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Deadline deadline;

    /** @param outputs the string outputs of `terraform output -json`, by name (empty: names follow name_prefix) */
    public Smoke(Account account, StackInputs inputs, Map<String, String> outputs, String env, Path events, ToolSettings timing,
            Clock clock, Sleeper sleeper, Deadline deadline) {
        this.account = account;
        this.inputs = inputs;
        this.outputs = outputs;
        this.env = env;
        this.events = events;
        this.timing = timing;
        this.clock = clock;
        this.sleeper = sleeper;
        this.deadline = deadline;
    }

    /** Runs every step, then publishes the report to the result topic; the returned report says whether that worked. */
    public RunReport run() {
        Instant start = clock.instant();
        StepRunner runner = new StepRunner(FailurePolicy.CONTINUE, clock, deadline);
        Optional<String> accountId = runner.produce("credentials", () -> {
            var caller = account.identity().caller();
            return Produced.of(caller.accountId(), StepOutcome.succeeded(caller.arn() + " in account " + caller.accountId()
                    + ", region " + inputs.region()));
        });
        for (Target target : TARGETS) {
            if (target.key().equals("efs-scaler") && inputs.efsScaler().isEmpty()) {
                runner.skip("invoke-" + target.key(), "efs_scaler is not set: no such function");
                continue;
            }
            runner.run("invoke-" + target.key(), () -> invoke(target));
        }
        runner.run("recovery-schedule", this::oneOffSchedule);
        if (inputs.orchestration().isEmpty()) {
            runner.skip("state-machine", "orchestration is not set: no nightly batch");
        } else {
            runner.run("state-machine", () -> stateMachine(accountId));
        }
        List<StepResult> steps = runner.results();
        List<String> failed = steps.stream().filter(StepResult::failed).map(StepResult::name).toList();
        String summary = failed.isEmpty() ? "smoke test passed: every trigger works in " + env
                : "smoke test failed in " + env + ": " + String.join(", ", failed);
        RunReport report = RunReport.of("smoke", "make smoke ENV=" + env, false, false, summary, start, clock.instant(), steps);
        String topic = output("result_sns_topic_arn").orElseGet(() -> "arn:aws:sns:" + inputs.region() + ":"
                + accountId.orElse("000000000000") + ":" + inputs.namePrefix() + "-result");
        return new ReportPublisher(account.notifier(), clock).publish(report, topic);
    }

    private String functionName(Target target) {
        return output(target.outputName()).orElse(inputs.namePrefix() + "-" + target.key());
    }

    private Optional<String> output(String name) {
        return Optional.ofNullable(outputs.get(name)).filter(v -> !v.isBlank());
    }

    private StepOutcome invoke(Target target) {
        String function = functionName(target);
        Invocation invocation = account.invoker().invoke(function, ALIAS, event(target.event()));
        if (invocation.functionError().isPresent()) {
            return StepOutcome.failed(function + ":" + ALIAS + " failed (" + invocation.functionError().get() + "): " + errorMessage(invocation.payload()));
        }
        JsonNode report = json(invocation.payload());
        if (report == null || !report.isObject() || !report.path("overall_success").isBoolean()) {
            return StepOutcome.failed(function + ":" + ALIAS + " returned no run report: " + abbreviate(invocation.payload()));
        }
        List<String> present = new ArrayList<>();
        report.path("steps").forEach(step -> present.add(step.path("name").asText()));
        List<String> missing = target.phases().stream().filter(phase -> !present.contains(phase)).toList();
        List<String> problems = new ArrayList<>();
        if (!report.path("overall_success").asBoolean()) {
            List<String> failedSteps = new ArrayList<>();
            report.path("steps").forEach(step -> {
                if ("FAILED".equals(step.path("status").asText())) {
                    failedSteps.add(step.path("name").asText() + ": " + step.path("detail").asText());
                }
            });
            problems.add("overall_success is false (" + String.join("; ", failedSteps) + ")");
        }
        if (!missing.isEmpty()) {
            problems.add("phases missing from the report: " + String.join(", ", missing));
        }
        if (!problems.isEmpty()) {
            return StepOutcome.failed(function + ":" + ALIAS + " dry run: " + String.join("; ", problems));
        }
        return StepOutcome.succeeded(function + ":" + ALIAS + " dry run: overall_success, all " + target.phases().size() + " phases reported");
    }

    private StepOutcome oneOffSchedule() throws InterruptedException {
        // The kill switch's schedules live in its own group (terraform/modules/kill-switch: "<name_prefix>-kill-switch").
        String group = output("recovery_schedule_group").orElse(inputs.namePrefix() + "-kill-switch");
        String template = output("recovery_schedule_name").orElse(inputs.namePrefix() + "-recovery");
        Optional<Schedule> recovery = account.schedules().find(group, template);
        if (recovery.isEmpty()) {
            return StepOutcome.failed("schedule " + group + "/" + template + " does not exist: deploy first (make deploy-env ENV=" + env + ")");
        }
        Instant from = clock.instant();
        Instant at = from.plus(timing.scheduleLead());
        String name = inputs.namePrefix() + "-smoke-" + from.getEpochSecond();
        account.schedules().createOneOff(group, name, at, recovery.get().targetArn(), recovery.get().roleArn(), event("recovery-dry-run.json"));
        String logGroup = "/aws/lambda/" + functionName(TARGETS.get(1));
        try {
            Instant until = earliest(at.plus(timing.scheduleWait()), deadline.end());
            while (true) {
                List<String> reports = account.logs().matching(logGroup, from, "\"run_report\"");
                if (!reports.isEmpty()) {
                    return StepOutcome.succeeded("at() schedule " + group + "/" + name + " (role " + recovery.get().roleArn()
                            + ") fired: " + logGroup + " logged the recovery's report");
                }
                if (!clock.instant().isBefore(until)) {
                    return StepOutcome.failed("at() schedule " + group + "/" + name + " did not start the recovery within "
                            + Duration.between(from, until).toSeconds() + " s: check that role " + recovery.get().roleArn()
                            + " trusts scheduler.amazonaws.com for this group and may invoke " + recovery.get().targetArn()
                            + " (the monthly recovery schedule uses the same role)");
                }
                sleeper.sleep(Duration.between(clock.instant(), earliest(clock.instant().plus(timing.pollInterval()), until)));
            }
        } finally {
            // With ActionAfterCompletion DELETE a fired schedule is gone already; one that never fired must not fire later.
            account.schedules().delete(group, name);
        }
    }

    private StepOutcome stateMachine(Optional<String> accountId) throws InterruptedException {
        String arn = output("state_machine_arn").orElseGet(() -> "arn:aws:states:" + inputs.region() + ":"
                + accountId.orElse("000000000000") + ":stateMachine:" + inputs.namePrefix() + "-nightly-batch");
        String execution = account.executions().start(arn, "smoke-" + clock.instant().getEpochSecond(), event(BATCH_EVENT));
        Instant until = earliest(clock.instant().plus(timing.executionWait()), deadline.end());
        while (true) {
            Execution state = account.executions().describe(execution);
            if (!state.running()) {
                if (state.status().equals("SUCCEEDED")) {
                    return StepOutcome.succeeded(execution + " SUCCEEDED (batch dry run)");
                }
                return StepOutcome.failed(execution + " " + state.status() + state.error().map(e -> ": " + e).orElse("")
                        + state.cause().map(c -> " (" + c + ")").orElse(""));
            }
            if (!clock.instant().isBefore(until)) {
                return StepOutcome.failed(execution + " still RUNNING after " + timing.executionWait().toSeconds()
                        + " s: see its history in the Step Functions console (it is left running)");
            }
            sleeper.sleep(Duration.between(clock.instant(), earliest(clock.instant().plus(timing.pollInterval()), until)));
        }
    }

    private String event(String file) {
        try {
            return Files.readString(events.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample event " + events.resolve(file), e);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String errorMessage(String payload) {
        JsonNode error = json(payload);
        return error != null && error.hasNonNull("errorMessage") ? error.get("errorMessage").asText() : abbreviate(payload);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** The string outputs of `terraform output -json` ({"name": {"value": ..., "type": ...}}); other values are left out. */
    public static Map<String, String> outputs(String json) {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode root = json(json);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("--outputs is not the JSON of `terraform output -json`");
        }
        root.fields().forEachRemaining(e -> {
            if (e.getValue().path("value").isTextual()) {
                values.put(e.getKey(), e.getValue().path("value").asText());
            }
        });
        return values;
    }
}
