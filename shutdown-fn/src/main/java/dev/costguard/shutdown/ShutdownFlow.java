package dev.costguard.shutdown;

import dev.costguard.core.run.BoundedFanOut;
import dev.costguard.core.ports.CommandInvocation;
import dev.costguard.core.ports.CommandStatus;
import dev.costguard.core.ports.Distributions;
import dev.costguard.core.run.FailurePolicy;
import dev.costguard.core.ports.FunctionThrottle;
import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.ports.InstanceStatus;
import dev.costguard.core.ports.Instances;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.run.RateLimiter;
import dev.costguard.core.ports.RemoteCommands;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.time.Sleeper;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.core.report.StepOutcome;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.run.StepRunner;
import dev.costguard.core.report.StepStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The budget kill switch, phase by phase. Every phase runs even when an earlier one failed (stopping as much
 * spending as possible matters more than order), and every run ends with a published, logged report.
 */
public final class ShutdownFlow {

    static final Duration COMMAND_POLL_INTERVAL = Duration.ofSeconds(2);

    private final ShutdownSettings settings;
    private final FunctionThrottle functions;
    private final Instances instances;
    private final RemoteCommands commands;
    private final Distributions distributions;
    private final Parameters parameters;
    private final ReportPublisher publisher;
    private final RunReportLog log;
    private final Clock clock;
    private final Sleeper sleeper;
    // One limiter for the life of the container: the Lambda limit is per account over time, not per run.
    private final BoundedFanOut fanOut;

    public ShutdownFlow(ShutdownSettings settings, FunctionThrottle functions, Instances instances,
            RemoteCommands commands, Distributions distributions, Parameters parameters, ReportPublisher publisher,
            RunReportLog log, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.functions = functions;
        this.instances = instances;
        this.commands = commands;
        this.distributions = distributions;
        this.parameters = parameters;
        this.publisher = publisher;
        this.log = log;
        this.clock = clock;
        this.sleeper = sleeper;
        this.fanOut = new BoundedFanOut(settings.poolSize(),
                new RateLimiter(settings.rateLimitPerSecond(), clock, sleeper), clock);
    }

    public RunReport run(ShutdownRequest request) {
        Instant start = clock.instant();
        StepRunner runner = new StepRunner(FailurePolicy.CONTINUE, clock);
        Optional<Trigger> trigger = trigger(request);
        if (trigger.isEmpty()) {
            return refuse(request, runner, start);
        }
        String label = trigger.get().label();
        boolean dryRun = request.dryRun() || settings.dryRun();
        runner.run("guard", () -> StepOutcome.succeeded(describe(trigger.get(), request)));
        runner.run("snapshot", () -> snapshot(label, dryRun));
        runner.run("throttle-functions", () -> throttle(dryRun));
        runner.run("drain", () -> drain(dryRun));
        runner.run("stop-api-service", () -> stopService(dryRun));
        runner.run("stop-instance", () -> stopInstance(dryRun));
        runner.run("disable-distribution", () -> disableDistribution(dryRun));

        List<StepResult> steps = runner.results();
        RunReport report = RunReport.of("shutdown", label, dryRun, dryRun, summary(trigger.get(), dryRun, steps),
                start, clock.instant(), steps);
        report = publisher.publish(report, settings.resultTopicArn());
        log.log(report);
        return report;
    }

    // ---- guard ------------------------------------------------------------------------------------------

    private Optional<Trigger> trigger(ShutdownRequest request) {
        if (request.isManual()) {
            return Optional.of(Trigger.MANUAL);
        }
        Trigger found = null;
        for (String arn : request.topicArns()) {
            Trigger kind = arn.equals(settings.alertTopicArn()) ? Trigger.BUDGET_ALERT
                    : settings.tripwireTopicArns().contains(arn) ? Trigger.USAGE_TRIPWIRE : null;
            if (kind == null) {
                return Optional.empty();
            }
            // The budget alert names the run when both arrive together: it is the authoritative signal.
            found = found == Trigger.BUDGET_ALERT ? found : kind;
        }
        return Optional.ofNullable(found);
    }

    /** A notification from a topic we do not know touches nothing; it is logged and returned, not published. */
    private RunReport refuse(ShutdownRequest request, StepRunner runner, Instant start) {
        List<String> unknown = request.topicArns().stream()
                .filter(arn -> !arn.equals(settings.alertTopicArn()) && !settings.tripwireTopicArns().contains(arn))
                .distinct().toList();
        String why = "refused: topic " + String.join(", ", unknown) + " is not a configured trigger topic (expected "
                + settings.alertTopicArn()
                + (settings.tripwireTopicArns().isEmpty() ? "" : " or " + String.join(", ", settings.tripwireTopicArns()))
                + ")";
        runner.run("guard", () -> StepOutcome.failed(why));
        RunReport report = RunReport.of("shutdown", "refused", request.dryRun(), false,
                "Kill switch refused a notification from an unknown topic; nothing was touched", start,
                clock.instant(), runner.results());
        log.log(report);
        return report;
    }

    private static String describe(Trigger trigger, ShutdownRequest request) {
        return switch (trigger) {
            case BUDGET_ALERT -> "budget alert from " + request.topicArns().get(0);
            case USAGE_TRIPWIRE -> "usage tripwire alarm from " + request.topicArns().get(0);
            case MANUAL -> "manual invocation: " + request.reason();
        };
    }

    // ---- phases -----------------------------------------------------------------------------------------

    /** Records the prior state once; a snapshot left by an earlier, unrecovered shutdown is the true one and stays. */
    private StepOutcome snapshot(String trigger, boolean dryRun) throws InterruptedException {
        Optional<String> existing = parameters.get(settings.snapshotParameter());
        if (existing.isPresent()) {
            try {
                Snapshot earlier = SnapshotCodec.decode(existing.get());
                return StepOutcome.succeeded("kept the snapshot taken " + earlier.takenAt() + " (" + earlier.trigger()
                        + "): an earlier shutdown has not been recovered yet");
            } catch (IllegalArgumentException e) {
                return StepOutcome.failed(settings.snapshotParameter() + " holds a snapshot this build cannot read ("
                        + e.getMessage() + "); left untouched");
            }
        }
        List<String> problems = new ArrayList<>();
        List<Snapshot.FunctionConcurrency> recorded = new ArrayList<>();
        List<StepResult> reads = fanOut.run(settings.functionNames(), name -> name, name -> {
            OptionalInt reserved = functions.reservedConcurrency(name);
            synchronized (recorded) {
                recorded.add(new Snapshot.FunctionConcurrency(name, reserved.isPresent() ? reserved.getAsInt() : null));
            }
            return reserved.isPresent() ? "reserved concurrency " + reserved.getAsInt() : "no reserved concurrency";
        });
        reads.stream().filter(StepResult::failed).forEach(r -> problems.add(r.detail()));
        recorded.sort(Comparator.comparing(f -> settings.functionNames().indexOf(f.name())));
        Snapshot.InstanceSnapshot instance = null;
        try {
            instance = new Snapshot.InstanceSnapshot(settings.instanceId(),
                    instances.describe(settings.instanceId()).state().awsName());
        } catch (RuntimeException e) {
            problems.add(StepRunner.describe(e));
        }
        Snapshot.DistributionSnapshot distribution = null;
        try {
            distribution = new Snapshot.DistributionSnapshot(settings.distributionId(),
                    distributions.isEnabled(settings.distributionId()));
        } catch (RuntimeException e) {
            problems.add(StepRunner.describe(e));
        }
        Snapshot snapshot = new Snapshot(Snapshot.CURRENT_VERSION, "shutdown", clock.instant(), trigger, recorded,
                instance, distribution, null);
        String what = recorded.size() + " function(s)" + (instance == null ? "" : ", instance " + instance.state())
                + (distribution == null ? "" : ", distribution " + (distribution.enabled() ? "enabled" : "disabled"));
        if (dryRun) {
            return new StepOutcome(StepStatus.SKIPPED, "dry run: would record " + what + " in "
                    + settings.snapshotParameter(), reads);
        }
        boolean written = parameters.putIfAbsent(settings.snapshotParameter(), SnapshotCodec.encode(snapshot));
        String detail = written ? "recorded " + what + " in " + settings.snapshotParameter()
                : "another run recorded a snapshot first; kept it";
        if (!problems.isEmpty()) {
            return new StepOutcome(StepStatus.FAILED, detail + "; could not read: " + String.join("; ", problems), reads);
        }
        return new StepOutcome(StepStatus.SUCCEEDED, detail, reads);
    }

    private StepOutcome throttle(boolean dryRun) throws InterruptedException {
        if (dryRun) {
            return StepOutcome.skipped("dry run: would set reserved concurrency 0 on "
                    + String.join(", ", settings.functionNames()));
        }
        List<StepResult> items = fanOut.run(settings.functionNames(), name -> name, name -> {
            functions.reserveConcurrency(name, 0);
            return "reserved concurrency set to 0";
        });
        return StepOutcome.fromItems(items.size() + " function(s)", items);
    }

    private StepOutcome drain(boolean dryRun) throws InterruptedException {
        long seconds = settings.drain().toSeconds();
        if (dryRun) {
            return StepOutcome.skipped("dry run: would wait " + seconds + " s for in-flight invocations");
        }
        sleeper.sleep(settings.drain());
        return StepOutcome.succeeded(seconds == 0 ? "no drain wait configured"
                : "waited " + seconds + " s for in-flight invocations to finish");
    }

    private StepOutcome stopService(boolean dryRun) throws InterruptedException {
        InstanceStatus status = instances.describe(settings.instanceId());
        if (status.state() != InstanceState.RUNNING) {
            return dryRun ? StepOutcome.skipped("dry run: instance is " + status.state().awsName() + ", nothing to stop")
                    : StepOutcome.succeeded("instance is " + status.state().awsName() + ": "
                            + settings.serviceName() + " is not running");
        }
        String line = "systemctl stop " + settings.serviceName();
        if (dryRun) {
            return StepOutcome.skipped("dry run: would run '" + line + "' on " + settings.instanceId());
        }
        String commandId = commands.sendShell(settings.instanceId(), List.of(line),
                "Cost Guard kill switch: stop " + settings.serviceName());
        Instant deadline = clock.instant().plus(settings.commandTimeout());
        CommandInvocation last = new CommandInvocation(CommandStatus.NOT_YET_VISIBLE, "not yet visible");
        while (true) {
            last = commands.invocation(commandId, settings.instanceId());
            if (last.status().terminal()) {
                break;
            }
            if (!clock.instant().isBefore(deadline)) {
                return StepOutcome.failed("command " + commandId + " still " + last.status() + " after "
                        + settings.commandTimeout().toSeconds() + " s; " + settings.serviceName()
                        + " may still be running");
            }
            sleeper.sleep(COMMAND_POLL_INTERVAL);
        }
        if (last.status() == CommandStatus.SUCCESS) {
            return StepOutcome.succeeded("'" + line + "' succeeded (command " + commandId + ")");
        }
        return StepOutcome.failed("'" + line + "' ended " + last.status() + " (command " + commandId + "): "
                + last.detail());
    }

    private StepOutcome stopInstance(boolean dryRun) {
        if (dryRun) {
            return StepOutcome.skipped("dry run: would stop " + settings.instanceId());
        }
        InstanceState now = instances.stop(settings.instanceId());
        return StepOutcome.succeeded("stop requested for " + settings.instanceId() + ", now " + now.awsName());
    }

    private StepOutcome disableDistribution(boolean dryRun) {
        if (dryRun) {
            return StepOutcome.skipped("dry run: would disable " + settings.distributionId());
        }
        boolean wasEnabled = distributions.setEnabled(settings.distributionId(), false);
        return StepOutcome.succeeded(wasEnabled ? "disabled " + settings.distributionId()
                : settings.distributionId() + " was already disabled");
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static String summary(Trigger trigger, boolean dryRun, List<StepResult> steps) {
        String by = switch (trigger) {
            case BUDGET_ALERT -> "the budget alert";
            case USAGE_TRIPWIRE -> "the usage tripwire";
            case MANUAL -> "a manual invocation";
        };
        if (dryRun) {
            return "Dry run of the kill switch for " + by + ": nothing was changed";
        }
        List<String> failed = steps.stream().filter(StepResult::failed).map(StepResult::name).toList();
        return failed.isEmpty() ? "Kill switch fired by " + by + ": all " + steps.size() + " phases succeeded"
                : "Kill switch fired by " + by + ": " + failed.size() + " of " + steps.size() + " phases failed ("
                        + String.join(", ", failed) + ")";
    }
}
