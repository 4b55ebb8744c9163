package dev.costguard.ecsscheduler;

import dev.costguard.core.ports.ServiceId;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.ContainerServices;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.ParkedState;
import dev.costguard.core.ports.ScalableTargets;
import dev.costguard.core.ports.ScalableTargets.Capacity;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.StepOutcome;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import dev.costguard.core.run.BoundedFanOut;
import dev.costguard.core.run.FailurePolicy;
import dev.costguard.core.run.Produced;
import dev.costguard.core.run.RateLimiter;
import dev.costguard.core.run.StepRunner;
import dev.costguard.core.snapshot.Snapshot.ServiceCapacity;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.core.snapshot.SnapshotTooLargeException;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Deadline;
import dev.costguard.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Business hours for ECS services. stop: remember each service's size (and its scalable target's bounds) in the
 * snapshot parameter, then scale the target to 0..0 and the service to 0. start: put the desired count back, then
 * the bounds. Every service gets its own result and one failing service never stops the others; every run ends
 * with a logged (and, when a topic is set, published) report, before the Lambda timeout. While the kill switch has
 * the estate parked, a start changes nothing and says so; a stop still stops (a size found at 0 never replaces
 * the remembered one).
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
    private final Optional<ParkedState> parked;
    private final RunFinisher finisher;
    private final CurrentDeadline current;
    private final Clock clock;
    private final BoundedFanOut fanOut;

    public EcsSchedulerFlow(EcsSchedulerSettings settings, ContainerServices services, ScalableTargets targets,
            Parameters parameters, Optional<ParkedState> parked, RunFinisher finisher, CurrentDeadline current,
            Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.services = services;
        this.targets = targets;
        this.parameters = parameters;
        this.parked = parked;
        this.finisher = finisher;
        this.current = current;
        this.clock = clock;
        this.fanOut = new BoundedFanOut(POOL_SIZE, new RateLimiter(SERVICES_PER_SECOND, clock, sleeper), clock);
    }

    /** What a stop found for one service before changing it. */
    private record Reading(int desired, Optional<Capacity> target, Optional<ServiceCapacity> remembered) {
    }

    /** What the remember step hands to stop-services: the services it read (and remembered), and why the others were not. */
    private record StopPlan(Map<ServiceId, Reading> readings, Map<ServiceId, String> unread) {
    }

    /** A run with no time limit (tests, local use). */
    public RunReport run(EcsSchedulerRequest request) {
        return run(request, Deadline.unbounded(clock));
    }

    /** A run whose steps end by {@code deadline}; the report uses the reserve after it. */
    public RunReport run(EcsSchedulerRequest request, Deadline deadline) {
        current.set(deadline);
        Instant start = clock.instant();
        boolean dryRun = request.dryRun() || settings.dryRun();
        StepRunner runner = new StepRunner(FailurePolicy.CONTINUE, clock, deadline);
        LocalDate today = LocalDate.ofInstant(start, settings.timeZone());
        boolean skipDay = request.action() == Action.START && request.trigger() == Trigger.SCHEDULE
                && settings.skipDates().contains(today);
        String summary;
        Optional<StepOutcome> refused = skipDay || request.action() != Action.START ? Optional.empty()
                : parkedRefusal();
        if (skipDay) {
            runner.skip("guard", today + " (" + settings.timeZone() + ") is a skip date (COSTGUARD_SKIP_DATES): "
                    + "the scheduled start does nothing; a manual start still works");
            summary = "Scheduled start skipped: " + today + " is a skip date, every service stays as it is";
        } else if (refused.isPresent()) {
            runner.run("guard", refused::get);
            runner.skip("start-services", "not run: every service stays as it is");
            summary = "Start " + (request.trigger() == Trigger.SCHEDULE ? "by the schedule" : "by hand")
                    + " refused: " + refused.get().detail();
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
        RunReport report = RunReport.of(FUNCTION, request.trigger().label(), dryRun,
                skipDay || refused.isPresent() || dryRun, summary, start,
                clock.instant(), runner.results());
        return settings.resultTopicArn().isPresent()
                ? finisher.finish(report, settings.resultTopicArn().get(), deadline)
                : finisher.logOnly(report);
    }

    /**
     * Why a start must not run: the kill switch's parked marker is there (its notice), or it could not be read (a
     * start that cannot tell must not wake what the kill switch stopped). Empty when no marker is configured or
     * there is none.
     */
    private Optional<StepOutcome> parkedRefusal() {
        if (parked.isEmpty()) {
            return Optional.empty();
        }
        try {
            return parked.get().read().map(p -> StepOutcome.skipped(p.notice()));
        } catch (RuntimeException e) {
            return Optional.of(StepOutcome.failed("cannot tell whether the kill switch parked the estate ("
                    + parked.get().where() + ": " + StepRunner.describe(e) + "); nothing was started"));
        }
    }

    // ---- stop -------------------------------------------------------------------------------------------

    private void stop(StepRunner runner, Trigger trigger, boolean dryRun) {
        Optional<StopPlan> plan = runner.produce("remember", () -> remember(trigger, dryRun, runner.deadline()));
        if (plan.isEmpty()) {
            runner.run("stop-services", () -> StepOutcome.skipped(
                    "not run: the sizes could not be remembered, so every service was left as it is"));
            return;
        }
        Map<ServiceId, Reading> readings = plan.get().readings();
        runner.run("stop-services", () -> {
            List<ServiceId> readable = settings.services().stream().filter(readings::containsKey).toList();
            Iterator<StepResult> done = fanOut.run(readable, ServiceId::label,
                    id -> putToSleep(id, readings.get(id), dryRun), runner.deadline()).iterator();
            List<StepResult> items = new ArrayList<>();
            for (ServiceId id : settings.services()) {
                items.add(readings.containsKey(id) ? done.next()
                        : StepResult.item(id.label(), StepStatus.FAILED, "not stopped: " + plan.get().unread().get(id),
                                clock.instant(), Duration.ZERO));
            }
            return outcome("stop " + items.size() + " service(s)", items, dryRun);
        });
    }

    /** Reads every service and writes what it found (one Put) before anything is scaled down. */
    private Produced<StopPlan> remember(Trigger trigger, boolean dryRun, Deadline deadline)
            throws InterruptedException {
        RememberedSizes earlier;
        try {
            earlier = recall();
        } catch (RuntimeException e) {
            return Produced.nothing(StepOutcome.failed(whyUnread(e)));
        }
        Map<ServiceId, Reading> readings = new ConcurrentHashMap<>();
        List<StepResult> reads = fanOut.run(settings.services(), ServiceId::label, id -> {
            int desired = services.desiredCount(id.cluster(), id.service());
            Optional<Capacity> target = targets.find(id.cluster(), id.service());
            readings.put(id, new Reading(desired, target, earlier.of(id)));
            return "desired " + desired;
        }, deadline);
        Map<ServiceId, String> unread = new HashMap<>();
        Map<ServiceId, ServiceCapacity> found = new HashMap<>();
        for (int i = 0; i < settings.services().size(); i++) {
            ServiceId id = settings.services().get(i);
            Reading reading = readings.get(id);
            if (reading == null) {
                unread.put(id, reads.get(i).detail());
            } else {
                found.put(id, RememberedSizes.onStop(id, reading.desired(), reading.target(), reading.remembered(),
                        settings.defaultDesiredCount()));
            }
        }
        StopPlan plan = new StopPlan(Map.copyOf(readings), unread);
        RememberedSizes next = earlier.next(settings.services(), found);
        List<String> dropped = earlier.notIn(settings.services());
        String what = next.describe(settings.services())
                + (dropped.isEmpty() ? "" : "; dropped the entries of " + String.join(", ", dropped)
                        + " (no longer configured)");
        String parameter = settings.snapshotParameter();
        if (dryRun) {
            return Produced.of(plan, StepOutcome.skipped("dry run: would remember " + what + " in " + parameter));
        }
        if (next.sameAs(earlier)) {
            return Produced.of(plan, StepOutcome.succeeded("nothing new to remember: " + parameter + " keeps " + what));
        }
        String stored;
        try {
            stored = SnapshotCodec.encode(next.toSnapshot(clock.instant(), trigger.label()));
        } catch (SnapshotTooLargeException e) {
            return Produced.nothing(StepOutcome.failed("the sizes were NOT saved: " + e.getMessage()
                    + "; schedule fewer services per function"));
        }
        parameters.put(parameter, stored);
        return Produced.of(plan, StepOutcome.succeeded("remembered " + what + " in " + parameter));
    }

    /**
     * Bounds first, then the count: with the bounds still up, the scaling policy could start tasks again. A failed
     * bounds call does not keep the service running all night: the count still goes to 0, and the item fails
     * saying the bounds were not changed.
     */
    private String putToSleep(ServiceId id, Reading reading, boolean dryRun) {
        List<String> changes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Optional<Capacity> awake = reading.target().filter(t -> !t.asleep());
        if (awake.isPresent()) {
            try {
                if (!dryRun) {
                    targets.setCapacity(id.cluster(), id.service(), Capacity.ASLEEP);
                }
                changes.add(change(dryRun, "scalable target " + awake.get() + " → " + Capacity.ASLEEP));
            } catch (RuntimeException e) {
                problems.add("scalable target NOT changed, still " + awake.get() + " (" + StepRunner.describe(e)
                        + "): Application Auto Scaling may scale the service back up; set its min/max capacity to "
                        + Capacity.ASLEEP + " by hand or run the stop again");
            }
        }
        if (reading.desired() > 0) {
            try {
                if (!dryRun) {
                    services.setDesiredCount(id.cluster(), id.service(), 0);
                }
                changes.add(change(dryRun, "desired " + reading.desired() + " → 0"));
            } catch (RuntimeException e) {
                problems.add("desired count NOT changed, still " + reading.desired() + " (" + StepRunner.describe(e)
                        + ")");
            }
        }
        if (!problems.isEmpty()) {
            changes.addAll(problems);
            throw new CloudOperationException("stop", String.join("; ", changes));
        }
        if (changes.isEmpty()) {
            changes.add("already at 0" + reading.remembered()
                    .flatMap(RememberedSizes::ownSize)
                    .map(size -> ", keeps the remembered size " + size)
                    .orElse(", its own size is not known: a start will use the default "
                            + settings.defaultDesiredCount()));
        }
        return detail(dryRun, changes);
    }

    // ---- start ------------------------------------------------------------------------------------------

    private void start(StepRunner runner, boolean dryRun) {
        String fallback = "; services of unknown size start at the default " + settings.defaultDesiredCount();
        Optional<RememberedSizes> remembered = runner.produce("recall", () -> {
            RememberedSizes sizes;
            try {
                sizes = recall();
            } catch (RuntimeException e) {
                // Starting at the default now would put services at a size that is not their own, and the next
                // stop would have no way to tell: better asleep and reported than awake at a made-up size.
                return Produced.nothing(StepOutcome.failed(whyUnread(e)
                        + "; nothing was started, so no service runs at a size that is not its own"));
            }
            return Produced.of(sizes, sizes.isEmpty()
                    ? StepOutcome.succeeded("nothing remembered in " + settings.snapshotParameter()
                            + "; every service starts at the default " + settings.defaultDesiredCount())
                    : StepOutcome.succeeded("remembered " + sizes.describe(settings.services()) + " in "
                            + settings.snapshotParameter() + (settings.services().stream()
                                    .allMatch(id -> sizes.of(id).flatMap(RememberedSizes::ownSize).isPresent())
                                            ? "" : fallback)));
        });
        if (remembered.isEmpty()) {
            runner.run("start-services", () -> StepOutcome.skipped("not run: the remembered sizes could not be "
                    + "read, so every service was left as it is; start them by hand or re-run the start"));
            return;
        }
        runner.run("start-services", () -> {
            List<StepResult> items = fanOut.run(settings.services(), ServiceId::label,
                    id -> wake(id, remembered.get().of(id), dryRun), runner.deadline());
            return outcome("start " + items.size() + " service(s)", items, dryRun);
        });
    }

    /**
     * The count first, then the bounds: bounds registered while the count is still 0 make Application Auto
     * Scaling raise it to the minimum at once, and if the count call then failed the service would run at a size
     * the scheduler set, which the next stop could not tell from its own. A bounds call that fails leaves the
     * service running at its size and says so.
     */
    private String wake(ServiceId id, Optional<ServiceCapacity> entry, boolean dryRun) {
        int current = services.desiredCount(id.cluster(), id.service());
        Optional<Capacity> target = targets.find(id.cluster(), id.service());
        Optional<Integer> own = entry.flatMap(RememberedSizes::ownSize);
        int wanted = own.orElse(settings.defaultDesiredCount());
        String source = own.isPresent() ? "remembered" : "default";
        Optional<Capacity> restore = Optional.empty();
        if (target.isPresent() && target.get().asleep()) {
            restore = Optional.of(entry.flatMap(RememberedSizes::capacity).orElseThrow(() -> new CloudOperationException(
                    "RegisterScalableTarget", "not started: its scalable target is " + target.get()
                            + " and no bounds are remembered to restore; set its min/max capacity by hand")));
        }
        List<String> changes = new ArrayList<>();
        if (current >= wanted) {
            changes.add("already running " + current + " (≥ " + source + " " + wanted + "): left alone");
        } else {
            if (!dryRun) {
                services.setDesiredCount(id.cluster(), id.service(), wanted);
            }
            changes.add(change(dryRun, "desired " + current + " → " + wanted + " (" + source + ")"));
        }
        if (restore.isPresent()) {
            try {
                if (!dryRun) {
                    targets.setCapacity(id.cluster(), id.service(), restore.get());
                }
                changes.add(change(dryRun, "scalable target " + target.get() + " → " + restore.get()));
            } catch (RuntimeException e) {
                changes.add("scalable target NOT changed, still " + target.get() + " (" + StepRunner.describe(e)
                        + "): Application Auto Scaling may scale the service back to 0; set its min/max capacity to "
                        + restore.get() + " by hand or run the start again");
                throw new CloudOperationException("start", String.join("; ", changes));
            }
        }
        return detail(dryRun, changes);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** Why the remembered sizes could not be used: the read that failed, or what the parameter holds. */
    private static String whyUnread(RuntimeException e) {
        return e instanceof RememberedSizes.UnreadableSizesException ? e.getMessage() : StepRunner.describe(e);
    }

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
        List<String> otherFailures = steps.stream().filter(s -> s != main && s.failed()).map(StepResult::name).toList();
        String failedSteps = otherFailures.isEmpty() ? "" : "; step(s) failed: " + String.join(", ", otherFailures);
        if (main.items().isEmpty()) {
            return run + ": no service was changed (" + main.detail() + ")" + failedSteps;
        }
        List<String> failed = main.items().stream().filter(StepResult::failed).map(StepResult::name).toList();
        String state = request.action() == Action.STOP ? "asleep at 0" : "awake";
        return run + ": " + (main.items().size() - failed.size()) + " of " + main.items().size() + " ECS service(s) "
                + state + (failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed)) + failedSteps;
    }
}
