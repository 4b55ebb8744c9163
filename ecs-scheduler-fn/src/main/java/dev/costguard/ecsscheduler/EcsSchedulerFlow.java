package dev.costguard.ecsscheduler;

import dev.costguard.core.run.BoundedFanOut;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.ContainerServices;
import dev.costguard.core.run.FailurePolicy;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.run.RateLimiter;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.ports.ScalableTargets;
import dev.costguard.core.ports.ScalableTargets.Capacity;
import dev.costguard.core.time.Sleeper;
import dev.costguard.core.snapshot.Snapshot.ServiceCapacity;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.core.report.StepOutcome;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.run.StepRunner;
import dev.costguard.core.report.StepStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Business hours for ECS services. stop: remember each service's size (and its scalable target's bounds) in the
 * snapshot parameter, then scale the target to 0..0 and the service to 0. start: put the bounds back, then the
 * desired count (so the scaling policy does not fight it). Every service gets its own result and one failing
 * service never stops the others; every run ends with a logged (and, when a topic is set, published) report.
 */
public final class EcsSchedulerFlow {

    static final String FUNCTION = "ecs-scheduler";
    // ECS and Application Auto Scaling rate-limit their control planes per account; a few services at a time is
    // plenty for a schedule, and the SDK retries throttling on top.
    static final int POOL_SIZE = 4;
    static final double SERVICES_PER_SECOND = 5;

    private final EcsSchedulerSettings settings;
    private final ContainerServices services;
    private final ScalableTargets targets;
    private final Parameters parameters;
    private final ReportPublisher publisher;
    private final RunReportLog log;
    private final Clock clock;
    private final BoundedFanOut fanOut;

    public EcsSchedulerFlow(EcsSchedulerSettings settings, ContainerServices services, ScalableTargets targets,
            Parameters parameters, ReportPublisher publisher, RunReportLog log, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.services = services;
        this.targets = targets;
        this.parameters = parameters;
        this.publisher = publisher;
        this.log = log;
        this.clock = clock;
        this.fanOut = new BoundedFanOut(POOL_SIZE, new RateLimiter(SERVICES_PER_SECOND, clock, sleeper), clock);
    }

    /** What a stop found for one service before changing it. */
    private record Reading(int desired, Optional<Capacity> target, Optional<ServiceCapacity> remembered) {
    }

    public RunReport run(EcsSchedulerRequest request) {
        Instant start = clock.instant();
        boolean dryRun = request.dryRun() || settings.dryRun();
        StepRunner runner = new StepRunner(FailurePolicy.CONTINUE, clock);
        LocalDate today = LocalDate.ofInstant(start, settings.timeZone());
        boolean skipDay = request.action() == Action.START && request.trigger() == Trigger.SCHEDULE
                && settings.skipDates().contains(today);
        String summary;
        if (skipDay) {
            runner.skip("guard", today + " (" + settings.timeZone() + ") is a skip date (COSTGUARD_SKIP_DATES): "
                    + "the scheduled start does nothing; a manual start still works");
            summary = "Scheduled start skipped: " + today + " is a skip date, every service stays as it is";
        } else {
            runner.run("guard", () -> StepOutcome.succeeded(request.action().label() + " requested "
                    + (request.trigger() == Trigger.SCHEDULE ? "by the schedule" : "by hand") + " for "
                    + settings.services().size() + " service(s)" + (dryRun ? " (dry run)" : "")));
            if (request.action() == Action.STOP) {
                stop(runner, request.trigger(), dryRun);
            } else {
                start(runner, dryRun);
            }
            summary = summary(request, dryRun, runner.results());
        }
        RunReport report = RunReport.of(FUNCTION, request.trigger().label(), dryRun, skipDay || dryRun, summary, start,
                clock.instant(), runner.results());
        if (settings.resultTopicArn().isPresent()) {
            report = publisher.publish(report, settings.resultTopicArn().get());
        }
        log.log(report);
        return report;
    }

    // ---- stop -------------------------------------------------------------------------------------------

    private void stop(StepRunner runner, Trigger trigger, boolean dryRun) {
        Map<ServiceId, Reading> readings = new ConcurrentHashMap<>();
        Map<ServiceId, String> unread = new ConcurrentHashMap<>();
        StepResult remembered = runner.run("remember", () -> remember(trigger, dryRun, readings, unread));
        if (remembered.failed()) {
            runner.skip("stop-services", "not run: the sizes could not be remembered, so every service was left as it is");
            return;
        }
        runner.run("stop-services", () -> {
            List<ServiceId> readable = settings.services().stream().filter(readings::containsKey).toList();
            Iterator<StepResult> done = fanOut.run(readable, ServiceId::label,
                    id -> putToSleep(id, readings.get(id), dryRun)).iterator();
            List<StepResult> items = new ArrayList<>();
            for (ServiceId id : settings.services()) {
                items.add(readings.containsKey(id) ? done.next()
                        : StepResult.item(id.label(), StepStatus.FAILED, "not stopped: " + unread.get(id),
                                clock.instant(), Duration.ZERO));
            }
            return outcome("stop " + items.size() + " service(s)", items, dryRun);
        });
    }

    /** Reads every service and writes what it found (one Put) before anything is scaled down. */
    private StepOutcome remember(Trigger trigger, boolean dryRun, Map<ServiceId, Reading> readings,
            Map<ServiceId, String> unread) throws InterruptedException {
        RememberedSizes earlier;
        try {
            earlier = recall();
        } catch (IllegalStateException e) {
            return StepOutcome.failed(e.getMessage());
        }
        List<StepResult> reads = fanOut.run(settings.services(), ServiceId::label, id -> {
            int desired = services.desiredCount(id.cluster(), id.service());
            Optional<Capacity> target = targets.find(id.cluster(), id.service());
            readings.put(id, new Reading(desired, target, earlier.of(id)));
            return "desired " + desired;
        });
        List<ServiceCapacity> found = new ArrayList<>();
        for (int i = 0; i < settings.services().size(); i++) {
            ServiceId id = settings.services().get(i);
            Reading reading = readings.get(id);
            if (reading == null) {
                unread.put(id, reads.get(i).detail());
            } else {
                RememberedSizes.onStop(id, reading.desired(), reading.target(), reading.remembered())
                        .ifPresent(found::add);
            }
        }
        RememberedSizes next = earlier.with(found);
        String what = next.describe(settings.services());
        String parameter = settings.snapshotParameter();
        if (dryRun) {
            return StepOutcome.skipped("dry run: would remember " + what + " in " + parameter);
        }
        if (next.sameAs(earlier)) {
            return StepOutcome.succeeded("nothing new to remember: " + parameter + " keeps " + what);
        }
        parameters.put(parameter, SnapshotCodec.encode(next.toSnapshot(clock.instant(), trigger.label())));
        return StepOutcome.succeeded("remembered " + what + " in " + parameter);
    }

    /** Bounds first, then the count: with the bounds still up, the scaling policy could start tasks again. */
    private String putToSleep(ServiceId id, Reading reading, boolean dryRun) {
        List<String> changes = new ArrayList<>();
        Optional<Capacity> awake = reading.target().filter(t -> !t.asleep());
        if (awake.isPresent()) {
            if (!dryRun) {
                targets.setCapacity(id.cluster(), id.service(), Capacity.ASLEEP);
            }
            changes.add(change(dryRun, "scalable target " + awake.get() + " → " + Capacity.ASLEEP));
        }
        if (reading.desired() > 0) {
            if (!dryRun) {
                services.setDesiredCount(id.cluster(), id.service(), 0);
            }
            changes.add(change(dryRun, "desired " + reading.desired() + " → 0"));
        }
        if (changes.isEmpty()) {
            changes.add("already at 0" + reading.remembered()
                    .filter(entry -> entry.desiredCount() > 0)
                    .map(entry -> ", keeps the remembered size " + entry.desiredCount())
                    .orElse(", nothing remembered: a start will use the default " + settings.defaultDesiredCount()));
        }
        return detail(dryRun, changes);
    }

    // ---- start ------------------------------------------------------------------------------------------

    private void start(StepRunner runner, boolean dryRun) {
        RememberedSizes[] remembered = { RememberedSizes.none() };
        String fallback = "; every service starts at the default " + settings.defaultDesiredCount();
        runner.run("recall", () -> {
            try {
                remembered[0] = recall();
            } catch (IllegalStateException e) {
                return StepOutcome.failed(e.getMessage() + fallback);
            } catch (RuntimeException e) {
                return StepOutcome.failed(StepRunner.describe(e) + fallback);
            }
            return remembered[0].isEmpty()
                    ? StepOutcome.succeeded("nothing remembered in " + settings.snapshotParameter() + fallback)
                    : StepOutcome.succeeded("remembered " + remembered[0].describe(settings.services()) + " in "
                            + settings.snapshotParameter());
        });
        runner.run("start-services", () -> {
            List<StepResult> items = fanOut.run(settings.services(), ServiceId::label,
                    id -> wake(id, remembered[0].of(id), dryRun));
            return outcome("start " + items.size() + " service(s)", items, dryRun);
        });
    }

    private String wake(ServiceId id, Optional<ServiceCapacity> entry, boolean dryRun) {
        int current = services.desiredCount(id.cluster(), id.service());
        Optional<Capacity> target = targets.find(id.cluster(), id.service());
        Optional<ServiceCapacity> sized = entry.filter(e -> e.desiredCount() > 0);
        int wanted = sized.map(ServiceCapacity::desiredCount).orElse(settings.defaultDesiredCount());
        String source = sized.isPresent() ? "remembered" : "default";
        List<String> changes = new ArrayList<>();
        if (target.isPresent() && target.get().asleep()) {
            Capacity bounds = entry.flatMap(RememberedSizes::capacity).orElseThrow(() -> new CloudOperationException(
                    "RegisterScalableTarget", "not started: its scalable target is " + target.get()
                            + " and no bounds are remembered to restore; set its min/max capacity by hand"));
            if (!dryRun) {
                targets.setCapacity(id.cluster(), id.service(), bounds);
            }
            changes.add(change(dryRun, "scalable target " + target.get() + " → " + bounds));
        }
        if (current >= wanted) {
            changes.add("already running " + current + " (≥ " + source + " " + wanted + "): left alone");
        } else {
            if (!dryRun) {
                services.setDesiredCount(id.cluster(), id.service(), wanted);
            }
            changes.add(change(dryRun, "desired " + current + " → " + wanted + " (" + source + ")"));
        }
        return detail(dryRun, changes);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private RememberedSizes recall() {
        Optional<String> raw = parameters.get(settings.snapshotParameter());
        return raw.isEmpty() ? RememberedSizes.none() : RememberedSizes.parse(settings.snapshotParameter(), raw.get());
    }

    /** In a dry run nothing changed, so the services that would have changed are SKIPPED, not SUCCEEDED. */
    private static StepOutcome outcome(String what, List<StepResult> items, boolean dryRun) {
        if (!dryRun) {
            return StepOutcome.fromItems(what, items);
        }
        List<StepResult> skipped = items.stream()
                .map(i -> i.succeeded() ? new StepResult(i.name(), StepStatus.SKIPPED, i.detail(), i.startedAt(),
                        i.duration(), i.items()) : i)
                .toList();
        return skipped.stream().anyMatch(StepResult::failed) ? StepOutcome.fromItems(what, skipped)
                : new StepOutcome(StepStatus.SKIPPED, "dry run: " + what + ", nothing changed", skipped);
    }

    private static String change(boolean dryRun, String change) {
        return dryRun ? "would set " + change : change;
    }

    private static String detail(boolean dryRun, List<String> changes) {
        return (dryRun ? "dry run: " : "") + String.join(", ", changes);
    }

    private String summary(EcsSchedulerRequest request, boolean dryRun, List<StepResult> steps) {
        String run = (request.action() == Action.STOP ? "Stop" : "Start")
                + (request.trigger() == Trigger.SCHEDULE ? " by the schedule" : " by hand");
        if (dryRun) {
            return "Dry run of " + run.toLowerCase(Locale.ROOT) + ": nothing was changed";
        }
        StepResult main = steps.get(steps.size() - 1);
        if (main.items().isEmpty()) {
            return run + ": no service was changed (" + main.detail() + ")";
        }
        List<String> failed = main.items().stream().filter(StepResult::failed).map(StepResult::name).toList();
        String state = request.action() == Action.STOP ? "asleep at 0" : "awake";
        List<String> otherFailures = steps.stream().filter(s -> s != main && s.failed()).map(StepResult::name).toList();
        return run + ": " + (main.items().size() - failed.size()) + " of " + main.items().size() + " ECS service(s) "
                + state + (failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed))
                + (otherFailures.isEmpty() ? "" : "; step(s) failed: " + String.join(", ", otherFailures));
    }
}
