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
import dev.costguard.core.ports.ParkedState;
import dev.costguard.core.ports.Subnets;
import dev.costguard.core.ports.Subnets.Subnet;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.StepOutcome;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.run.FailurePolicy;
import dev.costguard.core.run.Produced;
import dev.costguard.core.run.StepRunner;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Deadline;
import dev.costguard.core.time.Sleeper;
import java.time.Clock;
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

    private final EfsScalerSettings settings;
    private final MountTargets mountTargets;
    private final Subnets subnets;
    private final Parameters parameters;
    private final ContainerServices services;
    private final RunFinisher finisher;
    private final CurrentDeadline current;
    private final EventLog events;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Optional<ParkedState> parked;

    public EfsScalerFlow(EfsScalerSettings settings, MountTargets mountTargets, Subnets subnets, Parameters parameters,
            ContainerServices services, RunFinisher finisher, CurrentDeadline current, EventLog events, Clock clock,
            Sleeper sleeper) {
        this(settings, mountTargets, subnets, parameters, services, finisher, current, events, clock, sleeper,
                Optional.empty());
    }

    /** With the kill switch's parked marker: while it exists the scaler counts and reports, and creates nothing. */
    public EfsScalerFlow(EfsScalerSettings settings, MountTargets mountTargets, Subnets subnets, Parameters parameters,
            ContainerServices services, RunFinisher finisher, CurrentDeadline current, EventLog events, Clock clock,
            Sleeper sleeper, Optional<ParkedState> parked) {
        this.parked = parked;
        this.settings = settings;
        this.mountTargets = mountTargets;
        this.subnets = subnets;
        this.parameters = parameters;
        this.services = services;
        this.finisher = finisher;
        this.current = current;
        this.events = events;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** What the survey found: the file system's targets and where a new one could go. */
    private record Survey(List<MountTarget> targets, ZonePlan plan) {
    }

    /** What the mount-target step left: the target it made (or waited for) available, if any. */
    private record Growth(Optional<MountTarget> readied) {
    }

    public RunReport run(EfsScalerRequest request, Deadline deadline) {
        Instant start = clock.instant();
        boolean dryRun = request.dryRun() || settings.dryRun();
        current.set(deadline);
        StepRunner runner = new StepRunner(FailurePolicy.ABORT, clock, deadline);
        events.event("run_started", Map.of("trigger", request.trigger().label(), "dry_run", String.valueOf(dryRun),
                "deadline", deadline.toString()));

        Optional<Long> count = produce(runner, "count", this::count);
        Optional<Boolean> above = count.isEmpty() ? Optional.empty()
                : produce(runner, "threshold", () -> threshold(count.get()));
        boolean below = above.isPresent() && !above.get();
        Optional<Survey> survey = Optional.empty();
        Optional<Growth> growth = Optional.empty();
        boolean listChanged = false;
        if (below) {
            String reason = "not needed: " + count.get() + " file(s) is not above the threshold";
            for (String later : List.of("survey", "mount-target", "publish", "redeploy")) {
                events.step(runner.skip(later, reason));
            }
        } else {
            survey = produce(runner, "survey", this::survey);
            Optional<Survey> surveyed = survey;
            growth = produce(runner, "mount-target", () -> surveyed.isEmpty()
                    ? Produced.nothing(StepOutcome.failed("not run: nothing was surveyed"))
                    : grow(surveyed.get(), runner.deadline(), dryRun));
            Optional<Growth> grown = growth;
            listChanged = produce(runner, "publish", () -> grown.isEmpty()
                    ? Produced.nothing(StepOutcome.failed("not run: the mount targets are not settled"))
                    : publish(surveyed.get(), grown.get(), dryRun)).orElse(false);
            if (listChanged || runner.aborted() || runner.deadline().expired()) {
                events.step(runner.run("redeploy", () -> redeploy(dryRun)));
            } else {
                events.step(runner.skip("redeploy", "the list did not change: " + service() + " keeps its tasks"));
            }
        }
        RunReport report = RunReport.of(FUNCTION, request.trigger().label(), dryRun, below || dryRun,
                summary(count, survey, growth, listChanged, runner.results(), below, dryRun), start, clock.instant(),
                runner.results());
        // The report line goes to the log first: a publish that hangs or fails must not lose it.
        return settings.resultTopicArn().isPresent()
                ? finisher.finish(report, settings.resultTopicArn().get(), deadline)
                : finisher.logOnly(report);
    }

    private <T> Optional<T> produce(StepRunner runner, String name, StepRunner.ProducingStep<T> body) {
        int before = runner.results().size();
        Optional<T> value = runner.produce(name, body);
        runner.results().stream().skip(before).forEach(events::step);
        return value;
    }

    // ---- steps ------------------------------------------------------------------------------------------

    private Produced<Long> count() {
        FileCount count = new FileCounter(settings.countMode(), settings.recursive()).count(settings.targetDirectory());
        if (count instanceof FileCount.Failed failed) {
            return Produced.nothing(StepOutcome.failed("cannot count: " + failed.reason()));
        }
        long counted = ((FileCount.Counted) count).count();
        return Produced.of(counted, StepOutcome.succeeded(counted + " "
                + (settings.countMode() == CountMode.ENTRIES ? "entries" : "regular files") + " in "
                + settings.targetDirectory() + (settings.recursive() ? " and its subdirectories" : "")));
    }

    private Produced<Boolean> threshold(long count) {
        boolean above = Threshold.exceeded(count, settings.fileCountThreshold());
        return Produced.of(above, above
                ? StepOutcome.succeeded("above threshold: " + count + " > " + settings.fileCountThreshold())
                : StepOutcome.skipped("below threshold: " + count + " ≤ " + settings.fileCountThreshold()
                        + " (COSTGUARD_FILE_COUNT_THRESHOLD)"));
    }

    private Produced<Survey> survey() {
        List<MountTarget> targets = mountTargets.list(settings.fileSystemId());
        List<Subnet> vpcSubnets = subnets.inVpc(settings.vpcId());
        ZonePlan plan = ZonePlan.of(targets, vpcSubnets);
        return Produced.of(new Survey(targets, plan), StepOutcome.succeeded(targets.size() + " mount target(s) of "
                + settings.fileSystemId() + " in " + zones(plan.coveredZones()) + "; " + vpcSubnets.size()
                + " subnet(s) of " + settings.vpcId() + " in " + zones(plan.vpcZones())));
    }

    private Produced<Growth> grow(Survey survey, Deadline deadline, boolean dryRun) throws InterruptedException {
        // Property 3: a target an earlier run left in `creating` is waited for, never joined by a second one.
        Optional<MountTarget> creating = survey.targets().stream().filter(MountTarget::creating).findFirst();
        if (creating.isPresent()) {
            if (dryRun) {
                return Produced.of(new Growth(Optional.empty()), StepOutcome.skipped("dry run: "
                        + creating.get().mountTargetId() + " is still being created; a real run would wait for it"));
            }
            return waitUntilAvailable(creating.get(), deadline, "an earlier run's ");
        }
        ZonePlan plan = survey.plan();
        if (plan.allZonesCovered()) {
            return Produced.of(new Growth(Optional.empty()), StepOutcome.succeeded("all zones covered: every "
                    + "Availability Zone of " + settings.vpcId() + " (" + zones(plan.vpcZones())
                    + ") has a mount target; nothing created"));
        }
        if (plan.choice().isEmpty()) {
            return Produced.nothing(StepOutcome.failed("no subnet with a free IP address in the zone(s) without a "
                    + "mount target: " + String.join(", ", plan.candidates().stream()
                            .map(s -> s.subnetId() + " (" + s.availabilityZone() + ")").toList())));
        }
        Subnet subnet = plan.choice().get();
        Optional<String> refusal = parkedRefusal(subnet);
        if (refusal.isPresent()) {
            return Produced.of(new Growth(Optional.empty()), StepOutcome.skipped(refusal.get()));
        }
        if (dryRun) {
            return Produced.of(new Growth(Optional.empty()), StepOutcome.skipped("dry run: would create a mount "
                    + "target in " + subnet.subnetId() + " (" + subnet.availabilityZone() + ")"));
        }
        MountTarget created;
        try {
            created = mountTargets.create(settings.fileSystemId(), subnet.subnetId(), settings.securityGroupIds());
        } catch (CloudOperationException e) {
            return Produced.nothing(StepOutcome.failed("EFS refused a mount target in " + subnet.subnetId() + " ("
                    + subnet.availabilityZone() + "): " + (e.errorCode() == null ? "" : e.errorCode() + ": ")
                    + e.getMessage()));
        }
        events.event("mount_target_created", Map.of("mount_target_id", created.mountTargetId(),
                "subnet_id", subnet.subnetId(), "availability_zone", subnet.availabilityZone(),
                "life_cycle_state", created.lifeCycleState()));
        return waitUntilAvailable(created, deadline, "");
    }

    /**
     * Why no mount target may be created now: the kill switch parked the estate (a new target bills from its first
     * hour), or the marker could not be read (a scaler that cannot tell must not create one either).
     */
    private Optional<String> parkedRefusal(Subnet subnet) {
        if (parked.isEmpty()) {
            return Optional.empty();
        }
        String would = ": would create a mount target in " + subnet.subnetId() + " (" + subnet.availabilityZone()
                + "); nothing created";
        try {
            return parked.get().read().map(p -> p.notice() + would);
        } catch (RuntimeException e) {
            throw new CloudOperationException("GetParameter", "cannot tell whether the kill switch parked the estate ("
                    + parked.get().where() + ": " + StepRunner.describe(e) + ")" + would);
        }
    }

    /** Polls through the sleeper; what is still `creating` at the deadline is left for the next run, 5 minutes later. */
    private Produced<Growth> waitUntilAvailable(MountTarget target, Deadline deadline, String whose)
            throws InterruptedException {
        MountTarget now = target;
        int looks = 0;
        while (!now.available()) {
            if (!now.creating()) {
                return Produced.nothing(StepOutcome.failed(now.mountTargetId() + " in " + now.availabilityZone()
                        + " went to state '" + now.lifeCycleState() + "' instead of available"));
            }
            if (!deadline.allows(settings.pollInterval())) {
                return Produced.nothing(StepOutcome.failed(whose + now.mountTargetId() + " in "
                        + now.availabilityZone() + " is still creating after " + looks + " look(s): " + Deadline.NO_TIME
                        + "; the next run waits for it instead of creating another"));
            }
            sleeper.sleep(settings.pollInterval());
            looks++;
            Optional<MountTarget> seen = mountTargets.find(now.mountTargetId());
            if (seen.isEmpty()) {
                return Produced.nothing(StepOutcome.failed(now.mountTargetId() + " disappeared while it was being created"));
            }
            now = seen.get();
            events.event("mount_target_poll", Map.of("mount_target_id", now.mountTargetId(),
                    "life_cycle_state", now.lifeCycleState(), "look", String.valueOf(looks)));
        }
        return Produced.of(new Growth(Optional.of(now)), StepOutcome.succeeded(whose + now.describe() + " is available"
                + (looks == 0 ? "" : " after " + looks + " look(s)")));
    }

    private Produced<Boolean> publish(Survey survey, Growth growth, boolean dryRun) {
        List<MountTarget> latest = growth.readied().isPresent() ? mountTargets.list(settings.fileSystemId())
                : survey.targets();
        MountTargetList next = new MountTargetList(settings.fileSystemId(),
                latest.stream().filter(MountTarget::available).toList());
        String parameter = settings.mountTargetParameter();
        // Property 7: an empty list would leave every consumer without a mount target; the last good one stays.
        if (next.isEmpty()) {
            return Produced.nothing(StepOutcome.failed(settings.fileSystemId() + " has no available mount target; "
                    + parameter + " keeps the last good list"));
        }
        Optional<MountTargetList> current = parameters.get(parameter).flatMap(EfsScalerFlow::readable);
        if (current.isPresent() && current.get().equals(next)) {
            return Produced.of(false, StepOutcome.succeeded("unchanged: " + parameter + " already lists "
                    + next.mountTargets().size() + " mount target(s)"));
        }
        if (dryRun) {
            return Produced.of(false, StepOutcome.skipped("dry run: would publish " + next.describe() + " to " + parameter));
        }
        parameters.put(parameter, MountTargetListCodec.encode(next));
        return Produced.of(true, StepOutcome.succeeded("published " + next.mountTargets().size()
                + " mount target(s) to " + parameter + ": " + next.describe()));
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

    private String summary(Optional<Long> count, Optional<Survey> survey, Optional<Growth> growth,
            boolean listChanged, List<StepResult> steps, boolean below, boolean dryRun) {
        Optional<StepResult> failed = steps.stream().filter(StepResult::failed).findFirst();
        if (failed.isPresent()) {
            return "Failed at " + failed.get().name() + ": " + failed.get().detail()
                    + (failed.get().name().equals("redeploy") ? ""
                            : "; " + settings.mountTargetParameter() + " keeps the last good list");
        }
        if (below) {
            return "Below threshold: " + count.orElse(0L) + " file(s) in " + settings.targetDirectory() + " ≤ "
                    + settings.fileCountThreshold() + "; nothing changed";
        }
        String prefix = dryRun ? "Dry run: " : "";
        Optional<MountTarget> readied = growth.flatMap(Growth::readied);
        String published = listChanged ? "; list published to " + settings.mountTargetParameter() + ", " + service()
                + " redeployed" : "";
        if (survey.isPresent() && survey.get().plan().allZonesCovered() && readied.isEmpty()) {
            return prefix + "All zones covered: " + count.orElse(0L) + " file(s) but every zone ("
                    + zones(survey.get().plan().vpcZones()) + ") has a mount target" + published;
        }
        return prefix + readied.map(t -> "Mount target " + t.mountTargetId() + " available in "
                + t.availabilityZone()).orElse("Nothing created") + published;
    }
}
