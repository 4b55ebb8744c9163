package dev.costguard.recovery;

import dev.costguard.core.run.BoundedFanOut;
import dev.costguard.core.ports.Distributions;
import dev.costguard.core.run.FailurePolicy;
import dev.costguard.core.ports.FunctionThrottle;
import dev.costguard.core.ports.HealthProbe;
import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.ports.InstanceStatus;
import dev.costguard.core.ports.Instances;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.run.RateLimiter;
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
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scheduled recovery: puts back exactly what the kill switch recorded, and stops at the first failure
 * (a half-restored service is worse than a stopped one). It never starts a host or touches a function the kill
 * switch did not stop.
 */
public final class RecoveryFlow {

    static final List<String> STEPS = List.of("assess", "start-instance", "health-check", "restore-functions",
            "enable-distribution", "clear-snapshot");

    private final RecoverySettings settings;
    private final FunctionThrottle functions;
    private final Instances instances;
    private final Distributions distributions;
    private final Parameters parameters;
    private final HealthProbe health;
    private final ReportPublisher publisher;
    private final RunReportLog log;
    private final Clock clock;
    private final Sleeper sleeper;
    private final BoundedFanOut fanOut;

    public RecoveryFlow(RecoverySettings settings, FunctionThrottle functions, Instances instances,
            Distributions distributions, Parameters parameters, HealthProbe health, ReportPublisher publisher,
            RunReportLog log, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.functions = functions;
        this.instances = instances;
        this.distributions = distributions;
        this.parameters = parameters;
        this.health = health;
        this.publisher = publisher;
        this.log = log;
        this.clock = clock;
        this.sleeper = sleeper;
        this.fanOut = new BoundedFanOut(settings.poolSize(),
                new RateLimiter(settings.rateLimitPerSecond(), clock, sleeper), clock);
    }

    public RunReport run(RecoveryRequest request) {
        Instant start = clock.instant();
        boolean dryRun = request.dryRun() || settings.dryRun();
        StepRunner runner = new StepRunner(FailurePolicy.ABORT, clock);
        RecoveryPlan[] plan = new RecoveryPlan[1];
        runner.run("assess", () -> {
            plan[0] = assess();
            return StepOutcome.succeeded(plan[0].describe());
        });
        boolean nothingToDo = plan[0] != null && plan[0].nothingToDo();
        if (nothingToDo) {
            STEPS.stream().skip(1).forEach(step -> runner.skip(step, "skipped: " + plan[0].skipReason()));
        } else {
            RecoveryPlan p = plan[0];
            runner.run("start-instance", () -> startInstance(p, dryRun));
            runner.run("health-check", () -> checkHealth(p, dryRun));
            runner.run("restore-functions", () -> restoreFunctions(p, dryRun));
            runner.run("enable-distribution", () -> enableDistribution(p, dryRun));
            runner.run("clear-snapshot", () -> clearSnapshot(p, dryRun));
        }
        List<StepResult> steps = runner.results();
        RunReport report = RunReport.of("recovery", request.trigger(), dryRun, nothingToDo || dryRun,
                summary(plan[0], dryRun, steps), start, clock.instant(), steps);
        report = publisher.publish(report, settings.resultTopicArn());
        log.log(report);
        return report;
    }

    // ---- assess -----------------------------------------------------------------------------------------

    private RecoveryPlan assess() throws InterruptedException {
        InstanceStatus instance = instances.describe(settings.instanceId());
        Optional<String> raw = parameters.get(settings.snapshotParameter());
        if (raw.isPresent()) {
            Snapshot snapshot;
            try {
                snapshot = SnapshotCodec.decode(raw.get());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(settings.snapshotParameter() + " cannot be read (" + e.getMessage()
                        + "); nothing was changed");
            }
            return fromSnapshot(snapshot, instance);
        }
        Map<String, Integer> zeroed = new LinkedHashMap<>();
        for (Map.Entry<String, OptionalInt> current : currentConcurrency(settings.functionNames()).entrySet()) {
            if (current.getValue().isPresent() && current.getValue().getAsInt() == 0) {
                zeroed.put(current.getKey(), null);
            }
        }
        if (zeroed.isEmpty()) {
            return RecoveryPlan.nothingToDo(instance, instance.state() == InstanceState.RUNNING
                    ? "already running and nothing pending (no snapshot, no function throttled to 0)"
                    : "nothing to recover: no snapshot and no function at reserved concurrency 0; instance left "
                            + instance.state().awsName());
        }
        return new RecoveryPlan(null, instance, true, zeroed, true, null);
    }

    private RecoveryPlan fromSnapshot(Snapshot snapshot, InstanceStatus instance) throws InterruptedException {
        Map<String, Integer> targets = new LinkedHashMap<>();
        List<String> unrecorded = new ArrayList<>(settings.functionNames());
        if (snapshot.functions() != null) {
            for (Snapshot.FunctionConcurrency function : snapshot.functions()) {
                targets.put(function.name(), function.reservedConcurrency());
                unrecorded.remove(function.name());
            }
        }
        // A function whose read failed at shutdown time is not in the snapshot: undo only a zero we can see.
        currentConcurrency(unrecorded).forEach((name, current) -> {
            if (current.isPresent() && current.getAsInt() == 0) {
                targets.put(name, null);
            }
        });
        boolean wasRunning = snapshot.instance() == null || snapshot.instance().state().equals("running")
                || snapshot.instance().state().equals("pending");
        boolean wasEnabled = snapshot.distribution() == null || snapshot.distribution().enabled();
        return new RecoveryPlan(snapshot, instance, wasRunning, targets, wasEnabled, null);
    }

    private Map<String, OptionalInt> currentConcurrency(List<String> names) throws InterruptedException {
        Map<String, OptionalInt> current = new ConcurrentHashMap<>();
        List<StepResult> reads = fanOut.run(names, name -> name, name -> {
            current.put(name, functions.reservedConcurrency(name));
            return "read";
        });
        Optional<StepResult> failed = reads.stream().filter(StepResult::failed).findFirst();
        if (failed.isPresent()) {
            throw new IllegalStateException("cannot read the reserved concurrency of " + failed.get().name() + ": "
                    + failed.get().detail());
        }
        Map<String, OptionalInt> ordered = new LinkedHashMap<>();
        names.forEach(name -> ordered.put(name, current.get(name)));
        return ordered;
    }

    // ---- steps ------------------------------------------------------------------------------------------

    private StepOutcome startInstance(RecoveryPlan plan, boolean dryRun) {
        String id = settings.instanceId();
        InstanceState state = plan.instance().state();
        if (!plan.startInstance()) {
            return StepOutcome.skipped("the instance was " + plan.snapshot().instance().state()
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
            instances.awaitStopped(id, settings.startTimeout());
            waited = "waited for stopping -> stopped, then ";
        }
        if (state != InstanceState.PENDING) {
            instances.start(id);
        }
        InstanceStatus running = instances.awaitRunning(id, settings.startTimeout());
        return StepOutcome.succeeded(waited + "started " + id + "; running"
                + (running.privateIp() == null ? "" : " at " + running.privateIp()));
    }

    private StepOutcome checkHealth(RecoveryPlan plan, boolean dryRun) throws InterruptedException {
        if (!plan.startInstance()) {
            return StepOutcome.skipped("the instance stays stopped, so there is nothing to check");
        }
        if (dryRun) {
            return StepOutcome.skipped("dry run: would GET " + settings.healthUrl() + " up to "
                    + settings.healthAttempts() + " times");
        }
        InstanceStatus now = instances.describe(settings.instanceId());
        URI url = HealthUrl.resolve(settings.healthUrl(), now);
        HealthProbe.Result last = null;
        for (int attempt = 1; attempt <= settings.healthAttempts(); attempt++) {
            last = health.check(url);
            if (last.healthy()) {
                return StepOutcome.succeeded(url + " healthy on attempt " + attempt + "/" + settings.healthAttempts()
                        + " (" + last.detail() + ")");
            }
            if (attempt < settings.healthAttempts()) {
                sleeper.sleep(settings.healthInterval());
            }
        }
        return StepOutcome.failed(url + " unhealthy after " + settings.healthAttempts() + " attempts "
                + settings.healthInterval().toSeconds() + " s apart (last: " + last.detail() + ")");
    }

    private StepOutcome restoreFunctions(RecoveryPlan plan, boolean dryRun) throws InterruptedException {
        if (plan.functions().isEmpty()) {
            return StepOutcome.succeeded("no function to restore");
        }
        if (dryRun) {
            List<String> would = new ArrayList<>();
            plan.functions().forEach((name, target) -> would.add(name + " -> " + (target == null ? "unreserved" : target)));
            return StepOutcome.skipped("dry run: would restore " + String.join(", ", would));
        }
        List<StepResult> items = fanOut.run(new ArrayList<>(plan.functions().keySet()), name -> name, name -> {
            Integer target = plan.functions().get(name);
            if (target == null) {
                functions.removeReservedConcurrency(name);
                return "reserved concurrency removed (back to the unreserved pool)";
            }
            functions.reserveConcurrency(name, target);
            return "reserved concurrency restored to " + target;
        });
        return StepOutcome.fromItems(items.size() + " function(s)", items);
    }

    private StepOutcome enableDistribution(RecoveryPlan plan, boolean dryRun) {
        String id = settings.distributionId();
        if (!plan.enableDistribution()) {
            return StepOutcome.skipped(id + " was disabled before the shutdown; left disabled");
        }
        if (dryRun) {
            return StepOutcome.skipped("dry run: would enable " + id);
        }
        boolean wasEnabled = distributions.setEnabled(id, true);
        return StepOutcome.succeeded(wasEnabled ? id + " was already enabled" : "enabled " + id);
    }

    private StepOutcome clearSnapshot(RecoveryPlan plan, boolean dryRun) {
        if (!plan.fromSnapshot()) {
            return StepOutcome.skipped("there was no snapshot to clear");
        }
        if (dryRun) {
            return StepOutcome.skipped("dry run: would delete " + settings.snapshotParameter());
        }
        parameters.delete(settings.snapshotParameter());
        return StepOutcome.succeeded("deleted " + settings.snapshotParameter() + ": the shutdown is fully recovered");
    }

    private static String summary(RecoveryPlan plan, boolean dryRun, List<StepResult> steps) {
        Optional<StepResult> failed = steps.stream().filter(StepResult::failed).findFirst();
        if (failed.isPresent()) {
            return "Recovery stopped at " + failed.get().name() + ": " + failed.get().detail()
                    + "; later steps skipped" + (plan != null && plan.fromSnapshot() ? ", snapshot kept" : "");
        }
        if (plan.nothingToDo()) {
            return "Recovery skipped: " + plan.skipReason();
        }
        if (dryRun) {
            return "Dry run of recovery: nothing was changed";
        }
        long done = steps.stream().filter(s -> s.status() == StepStatus.SUCCEEDED).count();
        return plan.fromSnapshot() ? "Recovery complete: restored the state recorded " + plan.snapshot().takenAt()
                + " (" + done + " steps succeeded)"
                : "Recovery complete without a snapshot: started the host, removed the zero concurrency and enabled"
                        + " the distribution (" + done + " steps succeeded)";
    }
}
