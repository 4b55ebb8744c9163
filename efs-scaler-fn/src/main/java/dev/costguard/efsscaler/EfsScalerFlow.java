package dev.costguard.efsscaler;

import dev.costguard.core.efs.CountMode;
import dev.costguard.core.efs.FileCount;
import dev.costguard.core.efs.FileCounter;
import dev.costguard.core.efs.MountTarget;
import dev.costguard.core.efs.MountTargetList;
import dev.costguard.core.efs.MountTargetListCodec;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.ContainerServices;
import dev.costguard.core.ports.MountTargets;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.Subnets;
import dev.costguard.core.ports.Subnets.Subnet;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.report.StepOutcome;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.run.FailurePolicy;
import dev.costguard.core.run.StepRunner;
import dev.costguard.core.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Grows a file system's mount targets as a directory fills: count the files, compare with the threshold, find
 * an Availability Zone without a mount target, create one there and wait until it is available, publish the
 * list to SSM and redeploy the consumer service so its tasks read it. The steps abort at the first failure: the
 * SSM parameter is written only after every earlier step succeeded, so it always holds the last good list.
 */
public final class EfsScalerFlow {

    static final String FUNCTION = "efs-scaler";
    static final String NO_TIME = "no time left before the Lambda timeout";

    private final EfsScalerSettings settings;
    private final MountTargets mountTargets;
    private final Subnets subnets;
    private final Parameters parameters;
    private final ContainerServices services;
    private final ReportPublisher publisher;
    private final RunReportLog reportLog;
    private final EventLog events;
    private final Clock clock;
    private final Sleeper sleeper;

    public EfsScalerFlow(EfsScalerSettings settings, MountTargets mountTargets, Subnets subnets, Parameters parameters,
            ContainerServices services, ReportPublisher publisher, RunReportLog reportLog, EventLog events,
            Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.mountTargets = mountTargets;
        this.subnets = subnets;
        this.parameters = parameters;
        this.services = services;
        this.publisher = publisher;
        this.reportLog = reportLog;
        this.events = events;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** What one run found and did, filled in step by step. */
    private static final class Run {
        long count;
        boolean aboveThreshold;
        List<MountTarget> targets = List.of();
        ZonePlan plan;
        Optional<MountTarget> readied = Optional.empty();
        boolean listChanged;
    }

    /** @param deadline when the run must stop waiting, so the report still goes out before the Lambda timeout */
    public RunReport run(EfsScalerRequest request, Instant deadline) {
        Instant start = clock.instant();
        boolean dryRun = request.dryRun() || settings.dryRun();
        StepRunner runner = new StepRunner(FailurePolicy.ABORT, clock);
        Run run = new Run();
        events.event("run_started", Map.of("trigger", request.trigger().label(), "dry_run", String.valueOf(dryRun),
                "deadline", deadline.toString()));

        step(runner, "count", () -> count(run));
        if (!runner.aborted()) {
            step(runner, "threshold", () -> threshold(run));
        }
        boolean below = !runner.aborted() && !run.aboveThreshold;
        if (below) {
            String reason = "not needed: " + run.count + " file(s) is not above the threshold";
            for (String later : List.of("survey", "mount-target", "publish", "redeploy")) {
                events.step(runner.skip(later, reason));
            }
        } else {
            step(runner, "survey", () -> survey(run));
            step(runner, "mount-target", () -> grow(run, deadline, dryRun));
            step(runner, "publish", () -> publish(run, dryRun));
            if (runner.aborted() || run.listChanged) {
                step(runner, "redeploy", () -> redeploy(dryRun));
            } else {
                events.step(runner.skip("redeploy", "the list did not change: " + service() + " keeps its tasks"));
            }
        }
        RunReport report = RunReport.of(FUNCTION, request.trigger().label(), dryRun, below || dryRun,
                summary(run, runner.results(), below, dryRun), start, clock.instant(), runner.results());
        // The report line goes to the log first: a publish that hangs or fails must not lose it.
        reportLog.log(report);
        if (settings.resultTopicArn().isPresent()) {
            report = publisher.publish(report, settings.resultTopicArn().get());
            if (report.notification().failed()) {
                events.step(report.notification());
            }
        }
        return report;
    }

    private void step(StepRunner runner, String name, StepRunner.Step body) {
        events.step(runner.run(name, body));
    }

    // ---- steps ------------------------------------------------------------------------------------------

    private StepOutcome count(Run run) {
        FileCount count = new FileCounter(settings.countMode(), settings.recursive()).count(settings.targetDirectory());
        if (count instanceof FileCount.Failed failed) {
            return StepOutcome.failed("cannot count: " + failed.reason());
        }
        run.count = ((FileCount.Counted) count).count();
        return StepOutcome.succeeded(run.count + " " + (settings.countMode() == CountMode.ENTRIES
                ? "entries" : "regular files") + " in " + settings.targetDirectory()
                + (settings.recursive() ? " and its subdirectories" : ""));
    }

    private StepOutcome threshold(Run run) {
        run.aboveThreshold = Threshold.exceeded(run.count, settings.fileCountThreshold());
        if (!run.aboveThreshold) {
            return StepOutcome.skipped("below threshold: " + run.count + " ≤ " + settings.fileCountThreshold()
                    + " (COSTGUARD_FILE_COUNT_THRESHOLD)");
        }
        return StepOutcome.succeeded("above threshold: " + run.count + " > " + settings.fileCountThreshold());
    }

    private StepOutcome survey(Run run) {
        run.targets = mountTargets.list(settings.fileSystemId());
        List<Subnet> vpcSubnets = subnets.inVpc(settings.vpcId());
        run.plan = ZonePlan.of(run.targets, vpcSubnets);
        return StepOutcome.succeeded(run.targets.size() + " mount target(s) of " + settings.fileSystemId() + " in "
                + zones(run.plan.coveredZones()) + "; " + vpcSubnets.size() + " subnet(s) of " + settings.vpcId()
                + " in " + zones(run.plan.vpcZones()));
    }

    private StepOutcome grow(Run run, Instant deadline, boolean dryRun) throws InterruptedException {
        // Property 3: a target an earlier run left in `creating` is waited for, never joined by a second one.
        Optional<MountTarget> creating = run.targets.stream().filter(MountTarget::creating).findFirst();
        if (creating.isPresent()) {
            if (dryRun) {
                return StepOutcome.skipped("dry run: " + creating.get().mountTargetId() + " is still being created; "
                        + "a real run would wait for it");
            }
            return waitUntilAvailable(run, creating.get(), deadline, "an earlier run's ");
        }
        ZonePlan plan = run.plan;
        if (plan.allZonesCovered()) {
            return StepOutcome.succeeded("all zones covered: every Availability Zone of " + settings.vpcId() + " ("
                    + zones(plan.vpcZones()) + ") has a mount target; nothing created");
        }
        if (plan.choice().isEmpty()) {
            return StepOutcome.failed("no subnet with a free IP address in the zone(s) without a mount target: "
                    + String.join(", ", plan.candidates().stream().map(s -> s.subnetId() + " ("
                            + s.availabilityZone() + ")").toList()));
        }
        Subnet subnet = plan.choice().get();
        if (dryRun) {
            return StepOutcome.skipped("dry run: would create a mount target in " + subnet.subnetId() + " ("
                    + subnet.availabilityZone() + ")");
        }
        MountTarget created;
        try {
            created = mountTargets.create(settings.fileSystemId(), subnet.subnetId(), settings.securityGroupIds());
        } catch (CloudOperationException e) {
            return StepOutcome.failed("EFS refused a mount target in " + subnet.subnetId() + " ("
                    + subnet.availabilityZone() + "): " + (e.errorCode() == null ? "" : e.errorCode() + ": ")
                    + e.getMessage());
        }
        events.event("mount_target_created", Map.of("mount_target_id", created.mountTargetId(),
                "subnet_id", subnet.subnetId(), "availability_zone", subnet.availabilityZone(),
                "life_cycle_state", created.lifeCycleState()));
        return waitUntilAvailable(run, created, deadline, "");
    }

    /** Polls through the sleeper; what is still `creating` at the deadline is left for the next run, 5 minutes later. */
    private StepOutcome waitUntilAvailable(Run run, MountTarget target, Instant deadline, String whose)
            throws InterruptedException {
        MountTarget now = target;
        int looks = 0;
        while (!now.available()) {
            if (!now.creating()) {
                return StepOutcome.failed(now.mountTargetId() + " in " + now.availabilityZone() + " went to state '"
                        + now.lifeCycleState() + "' instead of available");
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.compareTo(settings.pollInterval()) < 0) {
                return StepOutcome.failed(whose + now.mountTargetId() + " in " + now.availabilityZone()
                        + " is still creating after " + looks + " look(s): " + NO_TIME
                        + "; the next run waits for it instead of creating another");
            }
            sleeper.sleep(settings.pollInterval());
            looks++;
            Optional<MountTarget> seen = mountTargets.find(now.mountTargetId());
            if (seen.isEmpty()) {
                return StepOutcome.failed(now.mountTargetId() + " disappeared while it was being created");
            }
            now = seen.get();
            events.event("mount_target_poll", Map.of("mount_target_id", now.mountTargetId(),
                    "life_cycle_state", now.lifeCycleState(), "look", String.valueOf(looks)));
        }
        run.readied = Optional.of(now);
        return StepOutcome.succeeded(whose + now.describe() + " is available"
                + (looks == 0 ? "" : " after " + looks + " look(s)"));
    }

    private StepOutcome publish(Run run, boolean dryRun) {
        List<MountTarget> latest = run.readied.isPresent() ? mountTargets.list(settings.fileSystemId()) : run.targets;
        MountTargetList next = new MountTargetList(settings.fileSystemId(),
                latest.stream().filter(MountTarget::available).toList());
        String parameter = settings.mountTargetParameter();
        // Property 7: an empty list would leave every consumer without a mount target; the last good one stays.
        if (next.isEmpty()) {
            return StepOutcome.failed(settings.fileSystemId() + " has no available mount target; " + parameter
                    + " keeps the last good list");
        }
        Optional<MountTargetList> current = parameters.get(parameter).flatMap(EfsScalerFlow::readable);
        if (current.isPresent() && current.get().equals(next)) {
            return StepOutcome.succeeded("unchanged: " + parameter + " already lists " + next.mountTargets().size()
                    + " mount target(s)");
        }
        if (dryRun) {
            return StepOutcome.skipped("dry run: would publish " + next.describe() + " to " + parameter);
        }
        parameters.put(parameter, MountTargetListCodec.encode(next));
        run.listChanged = true;
        return StepOutcome.succeeded("published " + next.mountTargets().size() + " mount target(s) to " + parameter
                + ": " + next.describe());
    }

    private StepOutcome redeploy(boolean dryRun) {
        if (dryRun) {
            return StepOutcome.skipped("dry run: would force a new deployment of " + service());
        }
        services.forceNewDeployment(settings.ecsCluster(), settings.ecsService());
        return StepOutcome.succeeded("forced a new deployment of " + service() + ": its tasks read the new list");
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** A list this build cannot read counts as different, so a good one replaces it. */
    private static Optional<MountTargetList> readable(String raw) {
        try {
            return Optional.of(MountTargetListCodec.decode(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String service() {
        return settings.ecsCluster() + "/" + settings.ecsService();
    }

    private static String zones(java.util.Set<String> zones) {
        return zones.isEmpty() ? "no zone" : String.join(", ", zones);
    }

    private String summary(Run run, List<StepResult> steps, boolean below, boolean dryRun) {
        Optional<StepResult> failed = steps.stream().filter(StepResult::failed).findFirst();
        if (failed.isPresent()) {
            return "Failed at " + failed.get().name() + ": " + failed.get().detail()
                    + (failed.get().name().equals("redeploy") ? ""
                            : "; " + settings.mountTargetParameter() + " keeps the last good list");
        }
        if (below) {
            return "Below threshold: " + run.count + " file(s) in " + settings.targetDirectory() + " ≤ "
                    + settings.fileCountThreshold() + "; nothing changed";
        }
        String prefix = dryRun ? "Dry run: " : "";
        if (run.plan != null && run.plan.allZonesCovered() && run.readied.isEmpty()) {
            return prefix + "All zones covered: " + run.count + " file(s) but every zone (" + zones(run.plan.vpcZones())
                    + ") has a mount target" + (run.listChanged ? "; list updated, service redeployed" : "");
        }
        return prefix + run.readied.map(t -> "Mount target " + t.mountTargetId() + " available in "
                + t.availabilityZone()).orElse("Nothing created") + (run.listChanged
                        ? "; list published to " + settings.mountTargetParameter() + ", " + service() + " redeployed"
                        : "");
    }
}
