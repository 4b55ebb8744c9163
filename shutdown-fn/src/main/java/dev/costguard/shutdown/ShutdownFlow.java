package dev.costguard.shutdown;

import dev.costguard.core.ports.CommandInvocation;
import dev.costguard.core.ports.CommandStatus;
import dev.costguard.core.ports.ContainerServices;
import dev.costguard.core.ports.DistributionTags;
import dev.costguard.core.ports.Distributions;
import dev.costguard.core.ports.FunctionTags;
import dev.costguard.core.ports.FunctionThrottle;
import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.ports.InstanceStatus;
import dev.costguard.core.ports.InstanceTags;
import dev.costguard.core.ports.Instances;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.ParkedState;
import dev.costguard.core.ports.PriorStateTags;
import dev.costguard.core.ports.RemoteCommands;
import dev.costguard.core.ports.ScalableTargets;
import dev.costguard.core.ports.ServiceTags;
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
import dev.costguard.core.snapshot.PriorTags;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.core.snapshot.SnapshotTooLargeException;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Deadline;
import dev.costguard.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The budget kill switch, phase by phase. Every phase runs even when an earlier one failed (stopping as much
 * spending as possible matters more than order), every wait and call is capped to the run's deadline, and every
 * run ends with a logged, then published, report.
 */
public final class ShutdownFlow {

    /** The snapshot's reads may use at most this share of the time left, so throttling always gets its turn. */
    static final int SNAPSHOT_READ_SHARE = 2;
    /** Kept free by the drain and the command wait for what follows them: a last look, a cancel, stop, disable. */
    static final Duration KEEP_FOR_LATER_PHASES = Duration.ofSeconds(15);

    private final ShutdownSettings settings;
    private final FunctionThrottle functions;
    private final Instances instances;
    private final RemoteCommands commands;
    private final Distributions distributions;
    private final Parameters parameters;
    private final FunctionTags functionTags;
    private final InstanceTags instanceTags;
    private final DistributionTags distributionTags;
    private final RunFinisher finisher;
    private final CurrentDeadline current;
    private final Clock clock;
    private final Sleeper sleeper;
    // One limiter for the life of the container: the Lambda limit is per account over time, not per run.
    private final BoundedFanOut fanOut;
    private final ParkedState parked;
    private final ServiceParking services;

    public ShutdownFlow(ShutdownSettings settings, FunctionThrottle functions, Instances instances,
            RemoteCommands commands, Distributions distributions, Parameters parameters, FunctionTags functionTags,
            InstanceTags instanceTags, DistributionTags distributionTags, RunFinisher finisher,
            CurrentDeadline current, Clock clock, Sleeper sleeper, ParkedState parked, ContainerServices ecs,
            ScalableTargets targets, ServiceTags serviceTags) {
        this.settings = settings;
        this.functionTags = functionTags;
        this.instanceTags = instanceTags;
        this.distributionTags = distributionTags;
        this.functions = functions;
        this.instances = instances;
        this.commands = commands;
        this.distributions = distributions;
        this.parameters = parameters;
        this.finisher = finisher;
        this.current = current;
        this.clock = clock;
        this.sleeper = sleeper;
        this.fanOut = new BoundedFanOut(settings.poolSize(),
                new RateLimiter(settings.rateLimitPerSecond(), clock, sleeper), clock);
        this.parked = parked;
        this.services = new ServiceParking(settings, ecs, targets, serviceTags, parameters, clock, sleeper);
    }

    /** What the snapshot phase did with the prior state; the summary says it in words a person acts on. */
    enum SnapshotFate { SAVED, KEPT_EARLIER, NOT_SAVED, EARLIER_UNREADABLE, DRY_RUN }

    /** {@code untagged}: items whose prior state is not on the item itself (unknown, or its tag write failed). */
    record SnapshotRecord(SnapshotFate fate, List<String> unknown, List<String> untagged) {

        SnapshotRecord(SnapshotFate fate, List<String> unknown) {
            this(fate, unknown, List.of());
        }
    }

    /**
     * A run that failed a phase must end in an error once its report is out, so Lambda's retries finish it (safe: the
     * first snapshot is kept and every call is idempotent). A dry run changed nothing and a refused stranger's
     * notification must change nothing, so a retry has nothing to finish for either.
     */
    public static boolean needsRetry(RunReport report) {
        return !report.dryRun() && !Trigger.REFUSED.equals(report.trigger()) && !report.overallSuccess();
    }

    /** For callers outside Lambda (tests, tools): no deadline. */
    public RunReport run(ShutdownRequest request) {
        return run(request, Deadline.unbounded(clock));
    }

    public RunReport run(ShutdownRequest request, Deadline deadline) {
        Instant start = clock.instant();
        current.set(deadline);
        StepRunner runner = new StepRunner(FailurePolicy.CONTINUE, clock, deadline);
        Optional<Trigger> trigger = trigger(request);
        if (trigger.isEmpty()) {
            return refuse(request, runner, start);
        }
        String label = trigger.get().label();
        boolean dryRun = request.dryRun() || settings.dryRun();
        runner.run("guard", () -> StepOutcome.succeeded(describe(trigger.get(), request)));
        runner.run("mark-parked", () -> markParked(label, dryRun));
        Optional<SnapshotRecord> snapshot = runner.produce("snapshot", () -> snapshot(label, dryRun, deadline));
        Optional<Integer> throttled = runner.produce("throttle-functions", () -> throttle(dryRun, deadline));
        runner.run("drain", () -> drain(dryRun, throttled.orElse(0), deadline));
        runner.run("stop-api-service", () -> stopService(dryRun, deadline));
        runner.run("stop-instance", () -> stopInstance(dryRun));
        runner.run("disable-distribution", () -> disableDistribution(dryRun));
        runner.run("park-services", () -> services.park(dryRun, deadline));

        List<StepResult> steps = runner.results();
        RunReport report = RunReport.of("shutdown", label, dryRun, dryRun,
                summary(trigger.get(), dryRun, steps, snapshot), start, clock.instant(), steps);
        return finisher.finish(report, settings.resultTopicArn(), deadline);
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
        RunReport report = RunReport.of("shutdown", Trigger.REFUSED, request.dryRun(), false,
                "Kill switch refused a notification from an unknown topic; nothing was touched", start,
                clock.instant(), runner.results());
        return finisher.logOnly(report);
    }

    private static String describe(Trigger trigger, ShutdownRequest request) {
        return switch (trigger) {
            case BUDGET_ALERT -> "budget alert from " + request.topicArns().get(0);
            case USAGE_TRIPWIRE -> "usage tripwire alarm from " + request.topicArns().get(0);
            case MANUAL -> "manual invocation: " + request.reason();
        };
    }

    // ---- mark-parked ------------------------------------------------------------------------------------

    /**
     * Parks the estate before anything changes: while the marker is there, the ECS scheduler starts nothing, the
     * EFS scaler creates nothing and the nightly batch does not run. An earlier run's marker (and its time) stays.
     */
    private StepOutcome markParked(String trigger, boolean dryRun) {
        if (dryRun) {
            return StepOutcome.skipped("dry run: would mark the estate parked in " + parked.where());
        }
        Instant now = clock.instant();
        try {
            if (parked.park(new ParkedState.Parked(now, trigger))) {
                return StepOutcome.succeeded("parked since " + now + " (" + parked.where() + "): nothing Cost Guard "
                        + "runs starts anything that bills until recovery lifts it");
            }
        } catch (RuntimeException e) {
            return StepOutcome.failed("the parked marker was NOT written in " + parked.where() + " ("
                    + StepRunner.describe(e) + "): the ECS scheduler may start services and the nightly batch may run"
                    + " until a retry writes it");
        }
        return StepOutcome.succeeded("already parked (" + parked.where() + ", written by an earlier run): kept");
    }

    // ---- snapshot ---------------------------------------------------------------------------------------

    /**
     * Records the prior state once: every function, the instance and the distribution, each with its value or as
     * unknown with the reason. A snapshot left by an earlier, unrecovered shutdown is the true one and stays.
     */
    private Produced<SnapshotRecord> snapshot(String trigger, boolean dryRun, Deadline run) throws InterruptedException {
        String parameter = settings.snapshotParameter();
        String lookupProblem = null;
        try {
            Optional<String> existing = parameters.get(parameter);
            if (existing.isPresent()) {
                return kept(existing.get());
            }
        } catch (RuntimeException e) {
            // Not knowing whether one exists is no reason to skip recording: the write below never overwrites.
            lookupProblem = StepRunner.describe(e);
        }

        Deadline reads = run.end().equals(Instant.MAX) ? run
                : Deadline.fromRemaining(clock, run.remaining().dividedBy(SNAPSHOT_READ_SHARE), Duration.ZERO);
        Map<String, Snapshot.FunctionConcurrency> read = new ConcurrentHashMap<>();
        List<StepResult> items = new ArrayList<>();
        Snapshot.InstanceSnapshot instance;
        Snapshot.DistributionSnapshot distribution;
        ServiceParking.Recorded recordedServices;
        current.set(reads);
        try {
            // Everything is read before anything is tagged: an earlier run's tags on one item decide how far a
            // value read now on another can be trusted.
            Map<String, Reading<Integer>> functionReads = new ConcurrentHashMap<>();
            List<StepResult> functionItems = fanOut.run(settings.functionNames(), name -> name, name -> {
                functionReads.put(name, reading(() -> {
                    OptionalInt reserved = functions.reservedConcurrency(name);
                    return reserved.isPresent() ? reserved.getAsInt() : null;
                }, functionTags, name, PriorTags::function));
                return "read";
            }, reads);
            String instanceId = settings.instanceId();
            String distributionId = settings.distributionId();
            Instant instanceStart = clock.instant();
            Reading<String> instanceRead = reads.expired() ? null : reading(
                    () -> instances.describe(instanceId).state().awsName(), instanceTags, instanceId, PriorTags::instance);
            Duration instanceTook = since(instanceStart);
            Instant distributionStart = clock.instant();
            Reading<Boolean> distributionRead = reads.expired() ? null : reading(
                    () -> distributions.isEnabled(distributionId), distributionTags, distributionId,
                    PriorTags::distribution);
            Duration distributionTook = since(distributionStart);
            boolean earlierRun = functionReads.values().stream().anyMatch(Reading::tagged)
                    || instanceRead != null && instanceRead.tagged() || distributionRead != null && distributionRead.tagged();

            Map<String, Prior<Integer>> functionPriors = new ConcurrentHashMap<>();
            functionReads.forEach((name, reading) -> functionPriors.put(name, decide(reading, earlierRun,
                    reserved -> reserved != null && reserved == 0, ShutdownFlow::concurrency,
                    value -> PriorTags.function(value, clock.instant()), dryRun)));
            List<String> toTag = settings.functionNames().stream()
                    .filter(name -> functionPriors.containsKey(name) && functionPriors.get(name).tags() != null).toList();
            fanOut.run(toTag, name -> name, name -> {
                functionPriors.put(name, write(functionTags, name, functionPriors.get(name)));
                return "tagged";
            }, reads);
            for (StepResult item : functionItems) {
                Prior<Integer> prior = functionPriors.get(item.name());
                if (prior == null) {
                    items.add(item);
                    continue;
                }
                prior = unwritten(prior);
                read.put(item.name(), prior.known() ? new Snapshot.FunctionConcurrency(item.name(), prior.value())
                        : Snapshot.FunctionConcurrency.unknown(item.name(), prior.detail()));
                items.add(StepResult.item(item.name(), prior.recorded() ? StepStatus.SUCCEEDED : StepStatus.FAILED,
                        prior.detail(), item.startedAt(), item.duration()));
            }

            if (instanceRead == null) {
                items.add(StepResult.item(instanceId, StepStatus.FAILED, Deadline.NO_TIME, instanceStart, Duration.ZERO));
                instance = Snapshot.InstanceSnapshot.unknown(instanceId, Deadline.NO_TIME);
            } else {
                Prior<String> prior = unwritten(write(instanceTags, instanceId, decide(instanceRead, earlierRun,
                        state -> state.equals("stopping") || state.equals("stopped"), state -> "instance " + state,
                        value -> PriorTags.instance(value, clock.instant()), dryRun)));
                items.add(StepResult.item(instanceId, prior.recorded() ? StepStatus.SUCCEEDED : StepStatus.FAILED,
                        prior.detail(), instanceStart, instanceTook));
                instance = prior.known() ? new Snapshot.InstanceSnapshot(instanceId, prior.value())
                        : Snapshot.InstanceSnapshot.unknown(instanceId, prior.detail());
            }
            if (distributionRead == null) {
                items.add(StepResult.item(distributionId, StepStatus.FAILED, Deadline.NO_TIME, distributionStart,
                        Duration.ZERO));
                distribution = Snapshot.DistributionSnapshot.unknown(distributionId, Deadline.NO_TIME);
            } else {
                Prior<Boolean> prior = unwritten(write(distributionTags, distributionId, decide(distributionRead,
                        earlierRun, enabled -> !enabled, enabled -> enabled ? "enabled" : "disabled",
                        value -> PriorTags.distribution(value, clock.instant()), dryRun)));
                items.add(StepResult.item(distributionId, prior.recorded() ? StepStatus.SUCCEEDED : StepStatus.FAILED,
                        prior.detail(), distributionStart, distributionTook));
                distribution = prior.known() ? new Snapshot.DistributionSnapshot(distributionId, prior.value())
                        : Snapshot.DistributionSnapshot.unknown(distributionId, prior.detail());
            }
            // A service is never parked without a record, so an untagged one at 0 is at its own size.
            recordedServices = services.record(dryRun, reads);
            items.addAll(recordedServices.items());
        } finally {
            current.set(run);
        }
        List<Snapshot.FunctionConcurrency> recorded = new ArrayList<>();
        for (int i = 0; i < settings.functionNames().size(); i++) {
            String name = settings.functionNames().get(i);
            recorded.add(read.getOrDefault(name, Snapshot.FunctionConcurrency.unknown(name, items.get(i).detail())));
        }
        List<String> unknown = new ArrayList<>();
        recorded.stream().filter(f -> !f.known()).forEach(f -> unknown.add(f.name()));
        if (!instance.known()) {
            unknown.add(instance.instanceId());
        }
        if (!distribution.known()) {
            unknown.add(distribution.distributionId());
        }
        unknown.addAll(recordedServices.unknown());
        Snapshot snapshot = new Snapshot(Snapshot.CURRENT_VERSION, "shutdown", clock.instant(), trigger, recorded,
                instance, distribution, services.none() ? null : recordedServices.entries());
        String what = recorded.stream().filter(Snapshot.FunctionConcurrency::known).count()
                + " of " + recorded.size() + " function(s), instance " + (instance.known() ? instance.state() : "unknown")
                + ", distribution " + (distribution.known() ? (distribution.enabled() ? "enabled" : "disabled") : "unknown")
                + (services.none() ? "" : ", " + recordedServices.entries().stream().filter(Snapshot.ServiceCapacity::known)
                        .count() + " of " + recordedServices.entries().size() + " ECS service(s)");
        String unknownNote = unknown.isEmpty() ? ""
                : "; unknown (recorded as such, recovery leaves them as they are): " + String.join(", ", unknown);
        String lookupNote = lookupProblem == null ? ""
                : "; could not check for an earlier snapshot (" + lookupProblem + "), so wrote only if none exists";

        if (dryRun) {
            // A read that fails now would fail for real: the dry run says so rather than pass quietly.
            return Produced.of(new SnapshotRecord(SnapshotFate.DRY_RUN, unknown), new StepOutcome(
                    unknown.isEmpty() ? StepStatus.SKIPPED : StepStatus.FAILED,
                    "dry run: would record " + what + " in " + parameter + unknownNote, items));
        }
        String stored;
        try {
            stored = SnapshotCodec.encode(snapshot);
        } catch (SnapshotTooLargeException e) {
            return notSaved(e.getMessage(), unknown, items);
        }
        boolean written;
        try {
            written = parameters.putIfAbsent(parameter, stored);
        } catch (RuntimeException e) {
            return notSaved(StepRunner.describe(e), unknown, items);
        }
        if (!written) {
            return Produced.of(new SnapshotRecord(SnapshotFate.KEPT_EARLIER, List.of()), new StepOutcome(
                    StepStatus.SUCCEEDED, "another run recorded a snapshot first; kept it", items));
        }
        // An item whose prior value is only in the snapshot (its tag write failed) fails too: a person should know.
        StepStatus status = unknown.isEmpty() && lookupProblem == null && items.stream().noneMatch(StepResult::failed)
                ? StepStatus.SUCCEEDED : StepStatus.FAILED;
        return Produced.of(new SnapshotRecord(SnapshotFate.SAVED, unknown), new StepOutcome(status,
                "recorded " + what + " in " + parameter + unknownNote + lookupNote, items));
    }

    private Produced<SnapshotRecord> kept(String existing) {
        try {
            Snapshot earlier = SnapshotCodec.decode(existing);
            return Produced.of(new SnapshotRecord(SnapshotFate.KEPT_EARLIER, List.of()), StepOutcome.succeeded(
                    "kept the snapshot taken " + earlier.takenAt() + " (" + earlier.trigger()
                            + "): an earlier shutdown has not been recovered yet"));
        } catch (IllegalArgumentException e) {
            return Produced.of(new SnapshotRecord(SnapshotFate.EARLIER_UNREADABLE, List.of()), StepOutcome.failed(
                    settings.snapshotParameter() + " holds a snapshot this build cannot read (" + e.getMessage()
                            + "); left untouched"));
        }
    }

    /** Throttling still goes ahead; the values read are in this step's items, the only record a person now has. */
    private Produced<SnapshotRecord> notSaved(String why, List<String> unknown, List<StepResult> items) {
        List<String> untagged = items.stream().filter(StepResult::failed).map(StepResult::name).toList();
        return Produced.of(new SnapshotRecord(SnapshotFate.NOT_SAVED, unknown, untagged), new StepOutcome(
                StepStatus.FAILED, "prior state NOT saved in " + settings.snapshotParameter() + ": " + why
                        + "; the values read are listed here" + (untagged.isEmpty()
                                ? ", and each item carries its own in its " + PriorTags.PREFIX + "* tags"
                                : ""), items));
    }

    /** What was read of one item: its value now (or why not) and an earlier run's prior-state tag (or why not). */
    private record Reading<T>(T now, String readProblem, PriorTags.Found<T> found, String tagProblem) {

        boolean tagged() {
            return found != null;
        }
    }

    private static <T> Reading<T> reading(Supplier<T> value, PriorStateTags tags, String id,
            Function<Map<String, String>, Optional<PriorTags.Found<T>>> parse) {
        T now = null;
        String readProblem = null;
        try {
            now = value.get();
        } catch (RuntimeException e) {
            readProblem = StepRunner.describe(e);
        }
        try {
            return new Reading<>(now, readProblem, parse.apply(tags.readPriorTags(id)).orElse(null), null);
        } catch (RuntimeException e) {
            return new Reading<>(now, readProblem, null, StepRunner.describe(e));
        }
    }

    /**
     * One item's prior value: known or not, whether it is on the item as well (a failed tag write leaves a known
     * value only the snapshot holds), the tags still to write, and where the value came from.
     */
    record Prior<T>(boolean known, T value, boolean recorded, String detail, Map<String, String> tags) {
    }

    /**
     * The prior value of an item: an earlier run's tag on it when there is one (this run may be looking at that run's
     * work); otherwise the value read now, to be tagged before anything changes it. Never taken for the prior value:
     * a value read now when the item's tags cannot be read, or a value the kill switch itself sets (0, stopped,
     * disabled) on an untagged item while other items carry an earlier run's tags (that run may have failed to tag
     * this one and changed it anyway).
     */
    private static <T> Prior<T> decide(Reading<T> reading, boolean earlierRun, Predicate<T> killSwitchSets,
            Function<T, String> show, Function<T, Map<String, String>> encode, boolean dryRun) {
        T now = reading.now();
        if (reading.tagProblem() != null) {
            String why = "cannot read its " + PriorTags.PREFIX + "* tags (" + reading.tagProblem() + "), so "
                    + (reading.readProblem() == null ? "the value read now (" + show.apply(now) + ") may be an earlier"
                            + " run's work and is not taken for the prior one" : "its prior value is unknown");
            return new Prior<>(false, null, false,
                    reading.readProblem() == null ? why : reading.readProblem() + "; " + why, null);
        }
        if (reading.found() != null) {
            T value = reading.found().value();
            return new Prior<>(true, value, true, "kept the prior value " + show.apply(value) + " recorded at "
                    + reading.found().recordedAt() + " by an earlier run" + (reading.readProblem() == null
                            ? " (now " + show.apply(now) + ")" : " (now unreadable: " + reading.readProblem() + ")"),
                    null);
        }
        if (reading.readProblem() != null) {
            return new Prior<>(false, null, false, reading.readProblem(), null);
        }
        if (earlierRun && killSwitchSets.test(now)) {
            return new Prior<>(false, null, false, show.apply(now) + " is what the kill switch sets, and an earlier run"
                    + " tagged other items but not this one: it may be that run's work, so its prior value is unknown",
                    null);
        }
        if (dryRun) {
            return new Prior<>(true, now, true, show.apply(now) + " (dry run: would tag it as the prior value)", null);
        }
        return new Prior<>(true, now, false, show.apply(now), encode.apply(now));
    }

    private static <T> Prior<T> write(PriorStateTags tags, String id, Prior<T> prior) {
        if (prior.tags() == null) {
            return prior;
        }
        try {
            tags.writePriorTags(id, prior.tags());
            return new Prior<>(true, prior.value(), true, prior.detail() + ", tagged on the item as the prior value",
                    null);
        } catch (RuntimeException e) {
            return notTagged(prior, StepRunner.describe(e));
        }
    }

    /** A tag write the deadline left no time for counts as a failed one. */
    private static <T> Prior<T> unwritten(Prior<T> prior) {
        return prior.tags() == null ? prior : notTagged(prior, Deadline.NO_TIME);
    }

    private static <T> Prior<T> notTagged(Prior<T> prior, String why) {
        return new Prior<>(true, prior.value(), false, prior.detail() + "; prior-state tag NOT written (" + why
                + "): only the snapshot holds it", null);
    }

    private static String concurrency(Integer reserved) {
        return reserved == null ? "no reserved concurrency" : "reserved concurrency " + reserved;
    }

    // ---- the other phases -------------------------------------------------------------------------------

    /** Hands on how many functions are now at zero, so the drain knows whether there is anything to wait for. */
    private Produced<Integer> throttle(boolean dryRun, Deadline deadline) throws InterruptedException {
        if (dryRun) {
            return Produced.of(0, StepOutcome.skipped("dry run: would set reserved concurrency 0 on "
                    + String.join(", ", settings.functionNames())));
        }
        List<StepResult> items = fanOut.run(settings.functionNames(), name -> name, name -> {
            functions.reserveConcurrency(name, 0);
            return "reserved concurrency set to 0";
        }, deadline);
        int throttled = (int) items.stream().filter(StepResult::succeeded).count();
        return Produced.of(throttled, StepOutcome.fromItems(items.size() + " function(s)", items));
    }

    private StepOutcome drain(boolean dryRun, int throttled, Deadline deadline) throws InterruptedException {
        long seconds = settings.drain().toSeconds();
        if (dryRun) {
            return StepOutcome.skipped("dry run: would wait " + seconds + " s for in-flight invocations");
        }
        if (throttled == 0) {
            return StepOutcome.skipped("every throttle call failed: no function is held at 0, so waiting for "
                    + "in-flight invocations would only delay stopping the host");
        }
        Duration wait = settings.drain();
        Duration allowed = deadline.remaining().minus(KEEP_FOR_LATER_PHASES);
        if (allowed.compareTo(wait) < 0) {
            wait = allowed.isNegative() ? Duration.ZERO : allowed;
        }
        sleeper.sleep(wait);
        if (seconds == 0) {
            return StepOutcome.succeeded("no drain wait configured");
        }
        return StepOutcome.succeeded(wait.equals(settings.drain())
                ? "waited " + seconds + " s for in-flight invocations to finish"
                : "waited " + wait.toSeconds() + " of " + seconds + " s for in-flight invocations: the rest is kept "
                        + "for stopping the host before the Lambda timeout");
    }

    private StepOutcome stopService(boolean dryRun, Deadline deadline) {
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
        Duration wait = settings.commandTimeout();
        Duration allowed = deadline.remaining().minus(KEEP_FOR_LATER_PHASES);
        if (allowed.compareTo(wait) < 0) {
            if (allowed.compareTo(Duration.ofSeconds(1)) < 0) {
                return StepOutcome.failed("'" + line + "' not sent: " + Deadline.NO_TIME
                        + " to wait for it; stopping the instance next stops the service with it");
            }
            wait = allowed;
        }
        String commandId = commands.sendShell(settings.instanceId(), List.of(line),
                "Cost Guard kill switch: stop " + settings.serviceName(), settings.commandTimeout());
        String sent = "command " + commandId + ", timeout " + settings.commandTimeout().toSeconds() + " s";
        CommandInvocation last;
        try {
            last = commands.awaitCompletion(commandId, settings.instanceId(), wait);
        } catch (RuntimeException e) {
            return gaveUp(line, sent, commandId, "could not be followed (" + StepRunner.describe(e) + ")");
        }
        if (last.status() == CommandStatus.SUCCESS) {
            return StepOutcome.succeeded("'" + line + "' succeeded (" + sent + ")");
        }
        if (last.status().terminal()) {
            return StepOutcome.failed("'" + line + "' ended " + last.status() + " (" + sent + "): " + last.detail());
        }
        return gaveUp(line, sent, commandId, "still " + last.status() + " after " + wait.toSeconds() + " s");
    }

    /** A command left queued could still stop the service later, e.g. after a quick manual recovery: cancel it. */
    private StepOutcome gaveUp(String line, String sent, String commandId, String what) {
        String cancel;
        try {
            commands.cancel(commandId, settings.instanceId());
            cancel = "cancelled it (CancelCommand accepted)";
        } catch (RuntimeException e) {
            cancel = "CancelCommand failed too (" + StepRunner.describe(e) + "); SSM drops it if it has not started "
                    + "within its timeout";
        }
        return StepOutcome.failed("'" + line + "' " + what + " (" + sent + "); " + cancel + "; "
                + settings.serviceName() + " may still be running until the instance stops");
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

    private Duration since(Instant start) {
        return Duration.between(start, clock.instant());
    }

    private static String summary(Trigger trigger, boolean dryRun, List<StepResult> steps,
            Optional<SnapshotRecord> snapshot) {
        String by = switch (trigger) {
            case BUDGET_ALERT -> "the budget alert";
            case USAGE_TRIPWIRE -> "the usage tripwire";
            case MANUAL -> "a manual invocation";
        };
        if (dryRun) {
            return "Dry run of the kill switch for " + by + ": nothing was changed";
        }
        List<String> failed = steps.stream().filter(StepResult::failed).map(StepResult::name).toList();
        String phases = failed.isEmpty() ? "Kill switch fired by " + by + ": all " + steps.size() + " phases succeeded"
                : "Kill switch fired by " + by + ": " + failed.size() + " of " + steps.size() + " phases failed ("
                        + String.join(", ", failed) + ")";
        if (snapshot.isEmpty()) {
            // The snapshot phase never ran (no time left): nothing was read, nothing saved.
            return phases + ". The prior state was NOT saved: the snapshot phase had no time to run";
        }
        SnapshotRecord record = snapshot.get();
        String note = switch (record.fate()) {
            case NOT_SAVED -> record.untagged().isEmpty()
                    ? ". The prior state was NOT saved in the snapshot, but every item carries it in its "
                            + PriorTags.PREFIX + "* tags: recovery restores from them"
                    : ". The prior state was NOT saved: recovery cannot restore "
                            + String.join(", ", record.untagged()) + " (no prior-state tag on them either); the"
                            + " values read are in the snapshot phase below, restore them by hand";
            case EARLIER_UNREADABLE -> ". The stored snapshot cannot be read by this build and was left untouched: "
                    + "check it before recovering";
            case SAVED, KEPT_EARLIER, DRY_RUN -> "";
        };
        if (!record.unknown().isEmpty()) {
            note += ". Prior state unknown for " + String.join(", ", record.unknown())
                    + ": recovery will leave them as they are; check and restore them by hand";
        }
        return phases + note;
    }
}
