package dev.costguard.recovery;

import dev.costguard.core.ports.ContainerServices;
import dev.costguard.core.ports.DistributionTags;
import dev.costguard.core.ports.Distributions;
import dev.costguard.core.ports.FunctionTags;
import dev.costguard.core.ports.FunctionThrottle;
import dev.costguard.core.ports.HealthProbe;
import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.ports.InstanceStatus;
import dev.costguard.core.ports.InstanceTags;
import dev.costguard.core.ports.Instances;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.PriorStateTags;
import dev.costguard.core.ports.ParkedState;
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
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Deadline;
import dev.costguard.core.time.Sleeper;
import dev.costguard.recovery.RecoveryPlan.Restore;
import dev.costguard.recovery.RecoveryPlan.Source;
import dev.costguard.recovery.RecoveryPlan.UnknownItem;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Scheduled recovery: puts back exactly what the kill switch recorded, and stops at the first failure
 * (a half-restored service is worse than a stopped one). An item whose prior state is unknown is left as it is and
 * named with what a person must do; without a snapshot nothing changes unless a person forces the blind recovery.
 * Every wait is capped to the run's deadline, and the report goes out within the time kept for it.
 */
public final class RecoveryFlow {

    static final List<String> STEPS = List.of("assess", "start-instance", "health-check", "restore-functions",
            "enable-distribution", "restore-services", "clear-tags", "lift-parked", "clear-snapshot", "unknown-items");

    /** One health probe's own timeout; a probe near the deadline gets less. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(4);

    private final RecoverySettings settings;
    private final FunctionThrottle functions;
    private final Instances instances;
    private final Distributions distributions;
    private final Parameters parameters;
    private final FunctionTags functionTags;
    private final InstanceTags instanceTags;
    private final DistributionTags distributionTags;
    private final HealthProbe health;
    private final RunFinisher finisher;
    private final CurrentDeadline current;
    private final Clock clock;
    private final Sleeper sleeper;
    private final BoundedFanOut fanOut;
    private final ParkedState parked;
    private final ServiceRecovery services;

    public RecoveryFlow(RecoverySettings settings, FunctionThrottle functions, Instances instances,
            Distributions distributions, Parameters parameters, FunctionTags functionTags, InstanceTags instanceTags,
            DistributionTags distributionTags, HealthProbe health, RunFinisher finisher,
            CurrentDeadline current, Clock clock, Sleeper sleeper, ParkedState parked, ContainerServices ecs,
            ScalableTargets targets, ServiceTags serviceTags) {
        this.settings = settings;
        this.functionTags = functionTags;
        this.instanceTags = instanceTags;
        this.distributionTags = distributionTags;
        this.functions = functions;
        this.instances = instances;
        this.distributions = distributions;
        this.parameters = parameters;
        this.health = health;
        this.finisher = finisher;
        this.current = current;
        this.clock = clock;
        this.sleeper = sleeper;
        this.fanOut = new BoundedFanOut(settings.poolSize(),
                new RateLimiter(settings.rateLimitPerSecond(), clock, sleeper), clock);
        this.parked = parked;
        this.services = new ServiceRecovery(settings, ecs, targets, serviceTags, parameters, clock, sleeper);
    }

    /** A run with no deadline (outside Lambda). */
    public RunReport run(RecoveryRequest request) {
        return run(request, Deadline.unbounded(clock));
    }

    public RunReport run(RecoveryRequest request, Deadline deadline) {
        current.set(deadline);
        Instant start = clock.instant();
        boolean dryRun = request.dryRun() || settings.dryRun();
        StepRunner runner = new StepRunner(FailurePolicy.ABORT, clock, deadline);
        Optional<RecoveryPlan> assessed = runner.produce("assess", () -> assess(request, deadline));
        if (assessed.isEmpty()) {
            // The runner reports these as not run (assess failed) or out of time; the body never runs.
            STEPS.stream().skip(1).forEach(step -> runner.run(step, () -> StepOutcome.skipped("assess gave no plan")));
        } else if (assessed.get().changesNothing()) {
            STEPS.stream().skip(1).forEach(step -> runner.skip(step, "skipped: no snapshot, nothing was changed"));
        } else {
            RecoveryPlan plan = assessed.get();
            runner.run("start-instance", () -> startInstance(plan, dryRun, deadline));
            runner.run("health-check", () -> checkHealth(plan, dryRun, deadline));
            runner.run("restore-functions", () -> restoreFunctions(plan, dryRun, deadline));
            runner.run("enable-distribution", () -> enableDistribution(plan, dryRun));
            runner.run("restore-services", () -> services.restore(plan.services(), dryRun, deadline));
            runner.run("clear-tags", () -> clearTags(plan, dryRun, deadline));
            runner.run("lift-parked", () -> liftParked(dryRun));
            runner.run("clear-snapshot", () -> clearSnapshot(plan, dryRun));
            runner.run("unknown-items", () -> unknownItems(plan));
        }
        List<StepResult> steps = runner.results();
        RecoveryPlan plan = assessed.orElse(null);
        RunReport report = RunReport.of("recovery", request.trigger(), dryRun,
                (plan != null && plan.changesNothing()) || dryRun, summary(plan, request, dryRun, steps), start,
                clock.instant(), steps);
        return finisher.finish(report, settings.resultTopicArn(), deadline);
    }

    // ---- assess -----------------------------------------------------------------------------------------

    private Produced<RecoveryPlan> assess(RecoveryRequest request, Deadline deadline) throws InterruptedException {
        InstanceStatus instance = instances.describe(settings.instanceId());
        Optional<String> raw;
        try {
            raw = parameters.get(settings.snapshotParameter());
        } catch (RuntimeException e) {
            return Produced.nothing(StepOutcome.failed("cannot read the snapshot " + settings.snapshotParameter()
                    + " (" + StepRunner.describe(e) + "); nothing was changed: run recovery again once Parameter"
                    + " Store answers"));
        }
        if (raw.isPresent()) {
            Snapshot snapshot;
            try {
                snapshot = SnapshotCodec.decode(raw.get());
            } catch (IllegalArgumentException e) {
                return Produced.nothing(StepOutcome.failed(settings.snapshotParameter() + " cannot be read ("
                        + e.getMessage() + "); nothing was changed"));
            }
            RecoveryPlan plan = fromRecords(snapshot, instance, request, deadline)
                    .withServices(services.plan(snapshot, deadline));
            return Produced.of(plan, StepOutcome.succeeded(plan.description()));
        }
        // No snapshot: the prior-state tags an interrupted kill switch left on the items are the record, if any.
        RecoveryPlan plan = fromRecords(null, instance, request, deadline);
        if (plan == null) {
            plan = request.force() ? forced(instance, request, deadline) : noSnapshot(instance, deadline);
        }
        if (!plan.changesNothing()) {
            plan = plan.withServices(services.plan(null, deadline));
        }
        return Produced.of(plan, StepOutcome.succeeded(plan.description()));
    }

    /** What one item's prior-state tags say: the value found, or none with the reason (a failed read, a bad tag). */
    private record Tagged<T>(PriorTags.Found<T> found, String problem) {

        String why(String without) {
            return problem == null ? without : without + "; " + problem;
        }
    }

    private <T> Tagged<T> tagged(PriorStateTags tags, String id,
            Function<Map<String, String>, Optional<PriorTags.Found<T>>> parse) {
        try {
            return new Tagged<>(parse.apply(tags.readPriorTags(id)).orElse(null), null);
        } catch (RuntimeException e) {
            return new Tagged<>(null, "its " + PriorTags.PREFIX + "* tags cannot be read (" + StepRunner.describe(e)
                    + ")");
        }
    }

    /**
     * The plan from the snapshot first, then, for any item it does not know (or when there is none), the item's
     * prior-state tags; an item with neither is named as unknown. Without a snapshot and without a single tag there
     * is no record at all: null.
     */
    private RecoveryPlan fromRecords(Snapshot snapshot, InstanceStatus instance, RecoveryRequest request,
            Deadline deadline) throws InterruptedException {
        Map<String, Snapshot.FunctionConcurrency> recordedFunctions = new LinkedHashMap<>();
        if (snapshot != null && snapshot.functions() != null) {
            snapshot.functions().forEach(f -> recordedFunctions.put(f.name(), f));
        }
        List<String> fromTags = new ArrayList<>();
        List<String> untagged = settings.functionNames().stream()
                .filter(name -> recordedFunctions.get(name) == null || !recordedFunctions.get(name).known()).toList();
        Map<String, Tagged<Integer>> functionTagged = new ConcurrentHashMap<>();
        fanOut.run(untagged, Function.identity(), name -> {
            functionTagged.put(name, tagged(functionTags, name, PriorTags::function));
            return "read";
        }, deadline);

        Map<String, Integer> targets = new LinkedHashMap<>();
        List<UnknownItem> unknowns = new ArrayList<>();
        for (Snapshot.FunctionConcurrency function : recordedFunctions.values()) {
            if (function.known()) {
                targets.put(function.name(), function.reservedConcurrency());
            } else if (!settings.functionNames().contains(function.name())) {
                unknowns.add(unknownFunction(function.name(), function.unknown()));
            }
        }
        for (String name : settings.functionNames()) {
            Snapshot.FunctionConcurrency function = recordedFunctions.get(name);
            if (function != null && function.known()) {
                continue;
            }
            Tagged<Integer> tag = functionTagged.getOrDefault(name, new Tagged<>(null, Deadline.NO_TIME));
            if (tag.found() != null) {
                targets.put(name, tag.found().value());
                fromTags.add("function " + name);
            } else {
                // A configured function the snapshot leaves out (an older kill switch's partial snapshot): its zero
                // may be on purpose, and its real value is gone, so it is named rather than guessed.
                unknowns.add(unknownFunction(name, tag.why(snapshot == null ? "no snapshot and no prior-state tag"
                        : function == null ? "not in the snapshot" : function.unknown())));
            }
        }

        Restore start;
        String priorState = null;
        Snapshot.InstanceSnapshot recorded = snapshot == null ? null : snapshot.instance();
        if (recorded != null && recorded.known() && recorded.state() != null) {
            priorState = recorded.state();
        } else {
            Tagged<String> tag = tagged(instanceTags, settings.instanceId(), PriorTags::instance);
            if (tag.found() != null) {
                priorState = tag.found().value();
                fromTags.add("instance " + settings.instanceId());
            } else {
                unknowns.add(new UnknownItem("instance " + settings.instanceId(), tag.why(
                        snapshot == null ? "no snapshot and no prior-state tag"
                                : recorded == null ? "the snapshot has no record of it"
                                : recorded.unknown() != null ? recorded.unknown() : "no state recorded"),
                        "if it served traffic before the shutdown, start it (aws ec2 start-instances --instance-ids "
                                + settings.instanceId() + ") and check " + settings.healthUrl()));
            }
        }
        start = priorState == null ? Restore.UNKNOWN
                : priorState.equals("running") || priorState.equals("pending") ? Restore.YES : Restore.NO;

        Restore enable;
        Snapshot.DistributionSnapshot distribution = snapshot == null ? null : snapshot.distribution();
        if (distribution != null && distribution.known() && distribution.enabled() != null) {
            enable = distribution.enabled() ? Restore.YES : Restore.NO;
        } else {
            Tagged<Boolean> tag = tagged(distributionTags, settings.distributionId(), PriorTags::distribution);
            if (tag.found() != null) {
                enable = tag.found().value() ? Restore.YES : Restore.NO;
                fromTags.add("distribution " + settings.distributionId());
            } else {
                enable = Restore.UNKNOWN;
                unknowns.add(new UnknownItem("distribution " + settings.distributionId(), tag.why(
                        snapshot == null ? "no snapshot and no prior-state tag"
                                : distribution == null ? "the snapshot has no record of it"
                                : distribution.unknown() != null ? distribution.unknown() : "no Enabled flag recorded"),
                        "if it served traffic before the shutdown, enable it (CloudFront console, or"
                                + " get-distribution-config then update-distribution with Enabled true)"));
            }
        }
        if (snapshot == null && fromTags.isEmpty()) {
            return null;
        }

        String tagsNote = fromTags.isEmpty() ? ""
                : "; from their " + PriorTags.PREFIX + "* tags: " + String.join(", ", fromTags);
        String description = (snapshot == null
                ? "no snapshot at " + settings.snapshotParameter() + ": following the prior-state tags an earlier kill"
                        + " switch left on the items"
                : "snapshot taken " + snapshot.takenAt() + " (" + snapshot.trigger() + ")")
                + "; instance is " + instance.state().awsName() + "; " + targets.size() + " function(s) to restore"
                + tagsNote
                + (unknowns.isEmpty() ? "" : "; prior state unknown, left as they are: "
                        + String.join(", ", unknowns.stream().map(UnknownItem::item).toList()))
                + (request.force() ? "; force not needed: " + (snapshot == null ? "the tags are" : "the snapshot is")
                        + " followed" : "");
        return new RecoveryPlan(snapshot == null ? Source.TAGS : Source.SNAPSHOT, snapshot, instance, start,
                priorState, targets, enable, unknowns, description);
    }

    private UnknownItem unknownFunction(String name, String reason) {
        return new UnknownItem("function " + name, reason, "set its reserved concurrency back by hand (aws lambda"
                + " put-function-concurrency --function-name " + name + " --reserved-concurrent-executions N, or"
                + " delete-function-concurrency if it had none); it stays as the kill switch left it");
    }

    /** The seed's blind recovery, asked for by a person: start, check, remove every zero, enable. */
    private RecoveryPlan forced(InstanceStatus instance, RecoveryRequest request, Deadline deadline)
            throws InterruptedException {
        Map<String, Integer> zeroed = new LinkedHashMap<>();
        currentConcurrency(deadline).forEach((name, value) -> {
            if (value.isPresent() && value.getAsInt() == 0) {
                zeroed.put(name, null);
            }
        });
        String description = "no snapshot; forced by hand (" + request.reason() + "): start "
                + settings.instanceId() + " (now " + instance.state().awsName() + "), remove the zero concurrency of "
                + zeroed.size() + " function(s), enable " + settings.distributionId();
        return new RecoveryPlan(Source.FORCED, null, instance, Restore.YES, null, zeroed, Restore.YES, List.of(),
                description);
    }

    /** No snapshot on a normal run: nothing is changed, and the report says what looks stopped and what to do. */
    private RecoveryPlan noSnapshot(InstanceStatus instance, Deadline deadline) throws InterruptedException {
        List<String> stopped = new ArrayList<>();
        List<String> zeroed = new ArrayList<>();
        currentConcurrency(deadline).forEach((name, value) -> {
            if (value.isPresent() && value.getAsInt() == 0) {
                zeroed.add(name);
            }
        });
        if (!zeroed.isEmpty()) {
            stopped.add("function(s) at reserved concurrency 0: " + String.join(", ", zeroed));
        }
        if (instance.state() != InstanceState.RUNNING && instance.state() != InstanceState.PENDING) {
            stopped.add("instance " + settings.instanceId() + " " + instance.state().awsName());
        }
        String distribution;
        try {
            if (!distributions.isEnabled(settings.distributionId())) {
                stopped.add("distribution " + settings.distributionId() + " disabled");
            }
            distribution = "";
        } catch (RuntimeException e) {
            distribution = "; could not read distribution " + settings.distributionId() + " ("
                    + StepRunner.describe(e) + ")";
        }
        String found = "no snapshot at " + settings.snapshotParameter() + ", so nothing was changed";
        if (stopped.isEmpty()) {
            return new RecoveryPlan(Source.NO_SNAPSHOT, null, instance, Restore.NO, null, Map.of(), Restore.NO, List.of(),
                    found + "; nothing looks stopped" + distribution);
        }
        return new RecoveryPlan(Source.NO_SNAPSHOT, null, instance, Restore.NO, null, Map.of(), Restore.NO, List.of(),
                found + ". Looks stopped: " + String.join("; ", stopped) + distribution + ". If the kill switch"
                        + " stopped them, recover by hand: invoke recovery with {\"force\": true, \"reason\": \"...\"}"
                        + " (starts the instance, checks its health, removes every zero concurrency, enables the"
                        + " distribution), or undo each item yourself; a function parked at 0 on purpose stays so"
                        + " only if you leave it out");
    }

    /** Every configured function's reserved concurrency; a read that fails stops the plan (nothing is changed). */
    private Map<String, OptionalInt> currentConcurrency(Deadline deadline) throws InterruptedException {
        List<String> names = settings.functionNames();
        Map<String, OptionalInt> read = new ConcurrentHashMap<>();
        List<StepResult> reads = fanOut.run(names, Function.identity(), name -> {
            read.put(name, functions.reservedConcurrency(name));
            return "read";
        }, deadline);
        Optional<StepResult> failed = reads.stream().filter(StepResult::failed).findFirst();
        if (failed.isPresent()) {
            throw new IllegalStateException("cannot read the reserved concurrency of " + failed.get().name() + " ("
                    + failed.get().detail() + "); nothing was changed");
        }
        Map<String, OptionalInt> ordered = new LinkedHashMap<>();
        names.forEach(name -> ordered.put(name, read.get(name)));
        return ordered;
    }

    // ---- steps ------------------------------------------------------------------------------------------

    private StepOutcome startInstance(RecoveryPlan plan, boolean dryRun, Deadline deadline) {
        String id = settings.instanceId();
        InstanceState state = plan.instance().state();
        if (plan.startInstance() == Restore.UNKNOWN) {
            return StepOutcome.skipped("prior state of " + id + " unknown: left " + state.awsName()
                    + " (see unknown-items)");
        }
        if (plan.startInstance() == Restore.NO) {
            return StepOutcome.skipped("the instance was " + plan.priorInstanceState()
                    + " before the shutdown; left " + state.awsName());
        }
        if (state == InstanceState.RUNNING) {
            return StepOutcome.succeeded(id + " is already running");
        }
        if (state == InstanceState.SHUTTING_DOWN || state == InstanceState.TERMINATED) {
            return StepOutcome.failed(id + " is " + state.awsName() + " and cannot be started");
        }
        if (dryRun) {
            return StepOutcome.skipped("dry run: would start " + id + " (now " + state.awsName() + ")");
        }
        String waited = "";
        if (state == InstanceState.STOPPING) {
            // StartInstances is refused while stopping, and the running waiter fails at once on it.
            Waited stopped = await("stopped", deadline, timeout -> instances.awaitStopped(id, timeout));
            if (stopped.gaveUp() != null) {
                return StepOutcome.failed(stopped.gaveUp());
            }
            waited = "waited for stopping -> stopped, then ";
        }
        if (state != InstanceState.PENDING) {
            instances.start(id);
        }
        Waited running = await("running", deadline, timeout -> instances.awaitRunning(id, timeout));
        if (running.gaveUp() != null) {
            return StepOutcome.failed(running.gaveUp());
        }
        return StepOutcome.succeeded(waited + "started " + id + "; running"
                + (running.status().privateIp() == null ? "" : " at " + running.status().privateIp()));
    }

    /** How a capped wait ended: the instance as the waiter last saw it, or why it gave up. */
    private record Waited(InstanceStatus status, String gaveUp) {
    }

    /**
     * Waits with the configured timeout capped to the time left. When the wait fails, it says why: NO_TIME when the
     * cap cut it short, the waiter's own failure when it had its full time.
     */
    private Waited await(String target, Deadline deadline, Function<Duration, InstanceStatus> wait) {
        Duration wanted = settings.startTimeout();
        Duration capped = deadline.cap(wanted);
        String id = settings.instanceId();
        if (capped.isZero()) {
            return new Waited(null, Deadline.NO_TIME + ": did not wait for " + id + " to reach " + target);
        }
        try {
            return new Waited(wait.apply(capped), null);
        } catch (RuntimeException e) {
            if (capped.compareTo(wanted) < 0) {
                return new Waited(null, Deadline.NO_TIME + ": gave up waiting for " + id + " to reach " + target
                        + " after " + capped.toSeconds() + " s of the " + wanted.toSeconds() + " s allowed ("
                        + StepRunner.describe(e) + ")");
            }
            return new Waited(null, StepRunner.describe(e));
        }
    }

    private StepOutcome checkHealth(RecoveryPlan plan, boolean dryRun, Deadline deadline) throws InterruptedException {
        if (plan.startInstance() != Restore.YES) {
            return StepOutcome.skipped("the instance was not started, so there is nothing to check");
        }
        if (dryRun) {
            return StepOutcome.skipped("dry run: would GET " + settings.healthUrl() + " up to "
                    + settings.healthAttempts() + " times");
        }
        InstanceStatus now = instances.describe(settings.instanceId());
        URI url = HealthUrl.resolve(settings.healthUrl(), now);
        HealthProbe.Result last = null;
        for (int attempt = 1; attempt <= settings.healthAttempts(); attempt++) {
            Duration timeout = deadline.cap(PROBE_TIMEOUT);
            if (timeout.isZero()) {
                return StepOutcome.failed(Deadline.NO_TIME + ": " + url + " not healthy after " + (attempt - 1)
                        + " of " + settings.healthAttempts() + " attempt(s)"
                        + (last == null ? "" : " (last: " + last.detail() + ")"));
            }
            last = health.check(url, timeout);
            if (last.healthy()) {
                return StepOutcome.succeeded(url + " healthy on attempt " + attempt + "/" + settings.healthAttempts()
                        + " (" + last.detail() + ")");
            }
            if (attempt < settings.healthAttempts()) {
                sleeper.sleep(deadline.cap(settings.healthInterval()));
            }
        }
        return StepOutcome.failed(url + " unhealthy after " + settings.healthAttempts() + " attempts "
                + settings.healthInterval().toSeconds() + " s apart (last: " + last.detail() + ")");
    }

    private StepOutcome restoreFunctions(RecoveryPlan plan, boolean dryRun, Deadline deadline)
            throws InterruptedException {
        String unknown = plan.unknowns().stream().anyMatch(u -> u.item().startsWith("function "))
                ? "; functions with an unknown prior state left as they are (see unknown-items)" : "";
        if (plan.functions().isEmpty()) {
            return StepOutcome.succeeded("no function to restore" + unknown);
        }
        if (dryRun) {
            List<String> would = new ArrayList<>();
            plan.functions().forEach((name, target) -> would.add(name + " -> " + (target == null ? "unreserved" : target)));
            return StepOutcome.skipped("dry run: would restore " + String.join(", ", would) + unknown);
        }
        List<StepResult> items = fanOut.run(new ArrayList<>(plan.functions().keySet()), Function.identity(), name -> {
            Integer target = plan.functions().get(name);
            if (target == null) {
                functions.removeReservedConcurrency(name);
                return "reserved concurrency removed (back to the unreserved pool)";
            }
            functions.reserveConcurrency(name, target);
            return "reserved concurrency restored to " + target;
        }, deadline);
        StepOutcome outcome = StepOutcome.fromItems(items.size() + " function(s)", items);
        return new StepOutcome(outcome.status(), outcome.detail() + unknown, outcome.items());
    }

    private StepOutcome enableDistribution(RecoveryPlan plan, boolean dryRun) {
        String id = settings.distributionId();
        if (plan.enableDistribution() == Restore.UNKNOWN) {
            return StepOutcome.skipped("prior state of " + id + " unknown: left as it is (see unknown-items)");
        }
        if (plan.enableDistribution() == Restore.NO) {
            return StepOutcome.skipped(id + " was disabled before the shutdown; left disabled");
        }
        if (dryRun) {
            return StepOutcome.skipped("dry run: would enable " + id);
        }
        boolean wasEnabled = distributions.setEnabled(id, true);
        return StepOutcome.succeeded(wasEnabled ? id + " was already enabled" : "enabled " + id);
    }

    /**
     * Removes the prior-state tags from every item now back as recorded, so the next kill switch records its own
     * prior state instead of this one. Items left unknown keep whatever they carry.
     */
    private StepOutcome clearTags(RecoveryPlan plan, boolean dryRun, Deadline deadline) throws InterruptedException {
        if (plan.source() == Source.FORCED) {
            return StepOutcome.skipped("no prior-state tags were found, so there are none to remove");
        }
        List<String> functionNames = new ArrayList<>(plan.functions().keySet());
        List<String> others = new ArrayList<>();
        if (plan.startInstance() != Restore.UNKNOWN) {
            others.add(settings.instanceId());
        }
        if (plan.enableDistribution() != Restore.UNKNOWN) {
            others.add(settings.distributionId());
        }
        if (functionNames.isEmpty() && others.isEmpty()) {
            return StepOutcome.succeeded("no item was restored, so no tag is removed");
        }
        if (dryRun) {
            List<String> all = new ArrayList<>(functionNames);
            all.addAll(others);
            return StepOutcome.skipped("dry run: would remove the " + PriorTags.PREFIX + "* tags from "
                    + String.join(", ", all));
        }
        List<StepResult> items = new ArrayList<>(fanOut.run(functionNames, Function.identity(), name -> {
            functionTags.removePriorTags(name, PriorTags.FUNCTION_KEYS);
            return "removed its " + PriorTags.PREFIX + "* tags";
        }, deadline));
        for (String id : others) {
            Instant start = clock.instant();
            try {
                if (id.equals(settings.instanceId())) {
                    instanceTags.removePriorTags(id, PriorTags.INSTANCE_KEYS);
                } else {
                    distributionTags.removePriorTags(id, PriorTags.DISTRIBUTION_KEYS);
                }
                items.add(StepResult.item(id, StepStatus.SUCCEEDED, "removed its " + PriorTags.PREFIX + "* tags", start,
                        Duration.between(start, clock.instant())));
            } catch (RuntimeException e) {
                items.add(StepResult.item(id, StepStatus.FAILED, StepRunner.describe(e)
                        + ": a tag left behind would be taken for the prior state by the next kill switch; run recovery"
                        + " again", start, Duration.between(start, clock.instant())));
            }
        }
        return StepOutcome.fromItems(items.size() + " item(s)", items);
    }

    private StepOutcome clearSnapshot(RecoveryPlan plan, boolean dryRun) {
        if (plan.source() != Source.SNAPSHOT) {
            return StepOutcome.skipped("there was no snapshot to clear");
        }
        if (!plan.unknowns().isEmpty()) {
            // The snapshot still records every unknown item (with its reason): the next reader needs it.
            return StepOutcome.skipped("kept " + settings.snapshotParameter() + ": " + plan.unknowns().size()
                    + " item(s) still need a person; delete it (aws ssm delete-parameter --name "
                    + settings.snapshotParameter() + ") once they are settled");
        }
        if (dryRun) {
            return StepOutcome.skipped("dry run: would delete " + settings.snapshotParameter());
        }
        parameters.delete(settings.snapshotParameter());
        return StepOutcome.succeeded("deleted " + settings.snapshotParameter() + ": the shutdown is fully recovered");
    }

    /**
     * Once everything is back: the estate is no longer parked, so the ECS scheduler, the EFS scaler and the nightly
     * batch resume by themselves. Items still unknown are a person's, and do not keep it. Before the snapshot goes:
     * a marker left after its snapshot would keep the estate parked with nothing for the next recovery to follow,
     * while a snapshot left after its marker is simply cleared by the next run.
     */
    private StepOutcome liftParked(boolean dryRun) {
        if (dryRun) {
            return StepOutcome.skipped("dry run: would lift the parked marker (" + parked.where() + ")");
        }
        parked.lift();
        return StepOutcome.succeeded("lifted the parked marker (" + parked.where() + "): the ECS scheduler, the EFS"
                + " scaler and the nightly batch resume by themselves");
    }

    /** Fails the run (overall_success false) when an item was left alone, and names each with what to do. */
    private StepOutcome unknownItems(RecoveryPlan plan) {
        if (plan.unknowns().isEmpty()) {
            return StepOutcome.succeeded("none: the prior state of every item was known");
        }
        Instant now = clock.instant();
        List<StepResult> items = plan.unknowns().stream().map(unknown -> StepResult.item(unknown.item(),
                StepStatus.FAILED, unknown.sentence(), now, Duration.ZERO)).toList();
        return new StepOutcome(StepStatus.FAILED, plan.unknowns().size() + " item(s) left as they are because their"
                + " prior state is unknown: " + plan.unknownNames(), items);
    }

    private String record(RecoveryPlan plan) {
        return plan.source() == Source.TAGS
                ? "the items' " + PriorTags.PREFIX + "* tags (there was no snapshot at " + settings.snapshotParameter() + ")"
                : "the snapshot taken " + plan.snapshot().takenAt();
    }

    private String summary(RecoveryPlan plan, RecoveryRequest request, boolean dryRun, List<StepResult> steps) {
        Optional<StepResult> failed = steps.stream().filter(StepResult::failed).findFirst();
        String unknowns = plan == null || plan.unknowns().isEmpty() ? ""
                : "; prior state unknown, left as they are: " + plan.unknownNames();
        if (failed.isPresent() && failed.get().name().equals("unknown-items")) {
            return "Recovery partly restored" + (dryRun ? " (dry run: nothing was changed)" : "")
                    + ": restored what " + record(plan) + " recorded" + unknowns
                    + ". A person must settle each of them (see unknown-items)"
                    + (plan.source() == Source.SNAPSHOT ? ", then delete " + settings.snapshotParameter() : "");
        }
        if (failed.isPresent()) {
            if (failed.get().name().equals("assess")) {
                return "Recovery changed nothing: " + failed.get().detail();
            }
            return (plan != null && plan.source() == Source.FORCED ? "Forced recovery" : "Recovery") + " stopped at "
                    + failed.get().name() + ": " + failed.get().detail() + "; later steps skipped"
                    + (plan != null && plan.source() == Source.SNAPSHOT ? ", snapshot kept" : "")
                    + (plan != null && plan.source() == Source.TAGS ? ", prior-state tags kept" : "") + unknowns;
        }
        if (plan.changesNothing()) {
            return "Recovery changed nothing: " + plan.description();
        }
        if (dryRun) {
            return "Dry run of " + (plan.source() == Source.FORCED ? "a forced " : "") + "recovery: nothing was changed";
        }
        long done = steps.stream().filter(s -> s.status() == StepStatus.SUCCEEDED).count();
        return plan.source() == Source.SNAPSHOT || plan.source() == Source.TAGS
                ? "Recovery complete: restored the state recorded " + (plan.source() == Source.TAGS ? "in " + record(plan)
                        : plan.snapshot().takenAt()) + " (" + done
                        + " steps succeeded)"
                : "Forced recovery without a snapshot (reason: " + request.reason() + "): started the host, removed"
                        + " the zero concurrency and enabled the distribution (" + done + " steps succeeded)";
    }
}
