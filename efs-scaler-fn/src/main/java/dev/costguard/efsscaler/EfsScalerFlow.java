package dev.costguard.efsscaler;

import dev.costguard.core.efs.CountMode;
import dev.costguard.core.efs.EfsFileSystem;
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
import dev.costguard.core.report.StepStatus;
import dev.costguard.core.run.FailurePolicy;
import dev.costguard.core.run.Produced;
import dev.costguard.core.run.StepRunner;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Deadline;
import dev.costguard.core.time.Sleeper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Grows a file system's mount targets as a directory fills: count the files (stopping once the threshold is
 * passed or the deadline comes), compare with the threshold, read the file system and find a regular Availability
 * Zone without a mount target, create one there (moving on to the next candidate when EFS refuses one) and wait
 * until it is available, publish the list to SSM and redeploy the consumer service until the list has reached it.
 * The list is published from what EFS reports as available, also after a refused create, and never empty.
 */
public final class EfsScalerFlow {

    static final String FUNCTION = "efs-scaler";

    /**
     * EFS's refusals that concern one subnet or zone, so another candidate may still work. Any other refusal
     * (MountTargetConflict, NetworkInterfaceLimitExceeded, SecurityGroupLimitExceeded, a file system that is not
     * available...) would repeat in every zone and ends the step at once.
     */
    static final Set<String> MOVE_ON = Set.of("UnsupportedAvailabilityZone", "NoFreeAddressesInSubnet",
            "SubnetNotFound", "IpAddressInUse");

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

    /** What the count found: exactly this many, or more than this many (it stopped at the threshold). */
    private record Count(long count, boolean exact) {

        boolean above(long threshold) {
            return !exact || Threshold.exceeded(count, threshold);
        }

        String words() {
            return exact ? String.valueOf(count) : "more than " + count;
        }
    }

    /** What the survey found: the file system, its targets and where a new one could go. */
    private record Survey(EfsFileSystem fileSystem, List<MountTarget> targets, ZonePlan plan) {
    }

    /** What the mount-target step left: the target it made (or waited for) available, if any. */
    private record Growth(Optional<MountTarget> readied) {
    }

    /** What the publish step left in the parameter, and whether the consumer still has to be redeployed for it. */
    private record Publication(MountTargetList list, boolean rolloutPending, boolean written) {
    }

    public RunReport run(EfsScalerRequest request, Deadline deadline) {
        Instant start = clock.instant();
        boolean dryRun = request.dryRun() || settings.dryRun();
        current.set(deadline);
        // Each step says what it needs from the earlier ones; the publish step also runs after a failed create, so
        // the list always shows what exists.
        StepRunner runner = new StepRunner(FailurePolicy.CONTINUE, clock, deadline);
        events.event("run_started", Map.of("trigger", request.trigger().label(), "dry_run", String.valueOf(dryRun),
                "deadline", deadline.toString()));

        Optional<Count> count = produce(runner, "count", () -> count(runner.deadline()));
        Optional<Boolean> above = after(runner, "threshold", count, "nothing was counted",
                () -> threshold(count.get()));
        boolean below = above.isPresent() && !above.get();
        Optional<Survey> survey = Optional.empty();
        Optional<Growth> growth = Optional.empty();
        Optional<Publication> publication = Optional.empty();
        if (below) {
            String reason = "not needed: " + count.get().words() + " file(s) is not above the threshold";
            for (String later : List.of("survey", "mount-target", "publish", "redeploy")) {
                events.step(runner.skip(later, reason));
            }
        } else {
            survey = after(runner, "survey", above, "the threshold was not decided", this::survey);
            Optional<Survey> surveyed = survey;
            growth = after(runner, "mount-target", survey, "nothing was surveyed",
                    () -> grow(surveyed.get(), runner.deadline(), dryRun));
            Optional<Growth> grown = growth;
            publication = after(runner, "publish", survey, "nothing was surveyed",
                    () -> publish(surveyed.get(), grown, dryRun));
            Optional<Publication> published = publication;
            if (publication.isPresent() && !publication.get().rolloutPending()) {
                events.step(runner.skip("redeploy", "the list did not change and has reached " + service()
                        + ": it keeps its tasks"));
            } else {
                after(runner, "redeploy", publication, "nothing was published",
                        () -> Produced.nothing(redeploy(published.get(), dryRun)));
            }
        }
        RunReport report = RunReport.of(FUNCTION, request.trigger().label(), dryRun, below || dryRun,
                summary(count, survey, growth, publication, runner.results(), below, dryRun), start, clock.instant(),
                runner.results());
        // The report line goes to the log first: a publish that hangs or fails must not lose it.
        return settings.resultTopicArn().isPresent()
                ? finisher.finish(report, settings.resultTopicArn().get(), deadline)
                : finisher.logOnly(report);
    }

    /**
     * A step that needs an earlier step's value: without it the step is skipped naming what is missing, unless the
     * time is up, which the runner records as such.
     */
    private <I, T> Optional<T> after(StepRunner runner, String name, Optional<I> input, String missing,
            StepRunner.ProducingStep<T> body) {
        if (input.isEmpty() && !runner.deadline().expired()) {
            events.step(runner.skip(name, "not run: " + missing));
            return Optional.empty();
        }
        return produce(runner, name, body);
    }

    private <T> Optional<T> produce(StepRunner runner, String name, StepRunner.ProducingStep<T> body) {
        int before = runner.results().size();
        Optional<T> value = runner.produce(name, body);
        runner.results().stream().skip(before).forEach(events::step);
        return value;
    }

    // ---- steps ------------------------------------------------------------------------------------------

    private Produced<Count> count(Deadline deadline) {
        long threshold = settings.fileCountThreshold();
        FileCount count = new FileCounter(settings.countMode(), settings.recursive())
                .count(settings.targetDirectory(), threshold, deadline);
        String what = (settings.countMode() == CountMode.ENTRIES ? "entries" : "regular files") + " in "
                + settings.targetDirectory() + (settings.recursive() ? " and its subdirectories" : "");
        String mode = " (COSTGUARD_COUNT_MODE=" + (settings.countMode() == CountMode.ENTRIES ? "entries" : "regular-files")
                + (settings.recursive() ? ", recursive" : "");
        if (count instanceof FileCount.Counted counted) {
            return Produced.of(new Count(counted.count(), true),
                    StepOutcome.succeeded(counted.count() + " " + what + mode + ", counted in full)"));
        }
        if (count instanceof FileCount.MoreThan more) {
            return Produced.of(new Count(more.limit(), false), StepOutcome.succeeded("more than " + more.limit() + " "
                    + what + mode + ", stopped once past the threshold)"));
        }
        if (count instanceof FileCount.OutOfTime out) {
            return Produced.nothing(StepOutcome.failed("counted " + out.countedSoFar() + " " + what + " so far" + mode
                    + "): " + Deadline.NO_TIME));
        }
        return Produced.nothing(StepOutcome.failed("cannot count: " + ((FileCount.Failed) count).reason()));
    }

    private Produced<Boolean> threshold(Count count) {
        long threshold = settings.fileCountThreshold();
        boolean above = count.above(threshold);
        return Produced.of(above, above
                ? StepOutcome.succeeded("above threshold: " + count.words() + " > " + threshold)
                : StepOutcome.skipped("below threshold: " + count.count() + " ≤ " + threshold
                        + " (COSTGUARD_FILE_COUNT_THRESHOLD)"));
    }

    private Produced<Survey> survey() {
        EfsFileSystem fileSystem = mountTargets.fileSystem(settings.fileSystemId());
        List<MountTarget> targets = mountTargets.list(settings.fileSystemId());
        List<Subnet> vpcSubnets = subnets.inVpc(settings.vpcId());
        Set<String> subnetZones = new TreeSet<>(vpcSubnets.stream().map(Subnet::availabilityZone).toList());
        ZonePlan plan = ZonePlan.of(targets, vpcSubnets, subnets.zoneTypes(subnetZones), settings.subnetIds());
        List<String> unknown = settings.subnetIds().stream()
                .filter(id -> vpcSubnets.stream().noneMatch(s -> s.subnetId().equals(id))).toList();
        return Produced.of(new Survey(fileSystem, targets, plan), StepOutcome.succeeded(targets.size()
                + " mount target(s) of " + settings.fileSystemId()
                + fileSystem.availabilityZoneName().map(z -> " (One Zone, " + z + ")").orElse("") + " in "
                + zones(plan.coveredZones()) + "; " + vpcSubnets.size() + " subnet(s) of " + settings.vpcId()
                + (settings.subnetIds().isEmpty() ? "" : ", " + settings.subnetIds().size()
                        + " allowed by COSTGUARD_SUBNET_IDS")
                + ", usable zones " + zones(plan.vpcZones())
                + (plan.passedOver().isEmpty() ? "" : "; passed over: " + String.join("; ", plan.passedOver()))
                + (unknown.isEmpty() ? "" : "; not in " + settings.vpcId() + ": " + String.join(", ", unknown))
                + (plan.stale().isEmpty() ? "" : "; " + stale(plan))));
    }

    private Produced<Growth> grow(Survey survey, Deadline deadline, boolean dryRun) throws InterruptedException {
        ZonePlan plan = survey.plan();
        String staleNote = plan.stale().isEmpty() ? "" : "; " + stale(plan);
        EfsFileSystem fileSystem = survey.fileSystem();
        if (fileSystem.oneZone()) {
            // https://docs.aws.amazon.com/efs/latest/ug/accessing-fs.html: a One Zone file system takes one mount target.
            return Produced.of(new Growth(Optional.empty()), StepOutcome.succeeded("One Zone: one mount target by design; "
                    + fileSystem.fileSystemId() + " lives in " + fileSystem.availabilityZoneName().get()
                    + " and EFS allows it no other, so nothing is created" + staleNote));
        }
        // Property 3: a target an earlier run left in `creating` is waited for, never joined by a second one.
        Optional<MountTarget> creating = survey.targets().stream().filter(MountTarget::creating).findFirst();
        if (creating.isPresent()) {
            if (dryRun) {
                return Produced.of(new Growth(Optional.empty()), StepOutcome.skipped("dry run: "
                        + creating.get().mountTargetId() + " is still being created; a real run would wait for it"));
            }
            return waitUntilAvailable(creating.get(), deadline, "an earlier run's ");
        }
        if (plan.allZonesCovered()) {
            return Produced.of(new Growth(Optional.empty()), StepOutcome.succeeded("all zones covered: every "
                    + "Availability Zone of " + settings.vpcId() + " (" + zones(plan.vpcZones())
                    + ") has a mount target; nothing created" + staleNote));
        }
        List<Subnet> tries = plan.withFreeAddresses();
        if (tries.isEmpty()) {
            return Produced.nothing(StepOutcome.failed(plan.candidates().isEmpty()
                    ? "not every zone is covered and no zone is free to take a mount target" + staleNote
                    : "no subnet with a free IP address in the zone(s) without a mount target: " + String.join(", ",
                            plan.candidates().stream().map(EfsScalerFlow::where).toList()) + staleNote));
        }
        Optional<String> parkedNotice = parkedRefusal(tries.get(0));
        if (parkedNotice.isPresent()) {
            return Produced.of(new Growth(Optional.empty()), StepOutcome.skipped(parkedNotice.get() + staleNote));
        }
        if (dryRun) {
            return Produced.of(new Growth(Optional.empty()), StepOutcome.skipped("dry run: would create a mount "
                    + "target in " + where(tries.get(0)) + staleNote));
        }
        List<String> refusals = new ArrayList<>();
        Set<String> refusedZones = new HashSet<>();
        for (Subnet subnet : tries) {
            if (refusedZones.contains(subnet.availabilityZone())) {
                continue;
            }
            if (deadline.expired()) {
                return Produced.nothing(StepOutcome.failed(Deadline.NO_TIME + refused(refusals) + staleNote));
            }
            MountTarget created;
            try {
                created = mountTargets.create(settings.fileSystemId(), subnet.subnetId(), settings.securityGroupIds());
            } catch (CloudOperationException e) {
                String refusal = where(subnet) + ": " + (e.errorCode() == null ? "" : e.errorCode() + ": ")
                        + e.getMessage();
                if (e.errorCode() == null || !MOVE_ON.contains(e.errorCode())) {
                    return Produced.nothing(StepOutcome.failed("EFS refused a mount target in " + refusal
                            + refused(refusals) + staleNote));
                }
                events.event("mount_target_refused", Map.of("subnet_id", subnet.subnetId(),
                        "availability_zone", subnet.availabilityZone(), "error_code", e.errorCode()));
                refusals.add(refusal);
                // https://docs.aws.amazon.com/efs/latest/ug/API_CreateMountTarget.html: UnsupportedAvailabilityZone
                // is about the zone, so its other subnets are not tried.
                if ("UnsupportedAvailabilityZone".equals(e.errorCode())) {
                    refusedZones.add(subnet.availabilityZone());
                }
                continue;
            }
            events.event("mount_target_created", Map.of("mount_target_id", created.mountTargetId(),
                    "subnet_id", subnet.subnetId(), "availability_zone", subnet.availabilityZone(),
                    "life_cycle_state", created.lifeCycleState()));
            Produced<Growth> waited = waitUntilAvailable(created, deadline, "");
            StepOutcome outcome = waited.outcome();
            return new Produced<>(waited.value(), new StepOutcome(outcome.status(),
                    outcome.detail() + refused(refusals) + staleNote, outcome.items()));
        }
        return Produced.nothing(StepOutcome.failed("EFS refused a mount target in every candidate: "
                + String.join("; ", refusals) + staleNote));
    }

    private static String refused(List<String> refusals) {
        return refusals.isEmpty() ? "" : "; refused before: " + String.join("; ", refusals);
    }

    private static String where(Subnet subnet) {
        return subnet.subnetId() + " (" + subnet.availabilityZone() + ")";
    }

    /** Targets that hold a zone without serving it; every run names them until someone deletes them. */
    private static String stale(ZonePlan plan) {
        return "not covering their zone: " + String.join(", ", plan.stale().stream().map(t -> t.mountTargetId()
                + " in " + t.availabilityZone() + " is " + t.lifeCycleState()).toList())
                + (plan.stale().stream().anyMatch(t -> "error".equals(t.lifeCycleState()))
                        ? " (delete a target in error; EFS makes no new one in its zone while it exists)" : "");
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

    private Produced<Publication> publish(Survey survey, Optional<Growth> growth, boolean dryRun) {
        boolean readied = growth.flatMap(Growth::readied).isPresent();
        List<MountTarget> latest = readied ? mountTargets.list(settings.fileSystemId()) : survey.targets();
        MountTargetList next = new MountTargetList(settings.fileSystemId(),
                latest.stream().filter(MountTarget::available).toList());
        String parameter = settings.mountTargetParameter();
        // Property 7: an empty list would leave every consumer without a mount target; the last good one stays.
        if (next.isEmpty()) {
            return Produced.nothing(StepOutcome.failed(settings.fileSystemId() + " has no available mount target; "
                    + parameter + " keeps the last good list"));
        }
        Optional<MountTargetListCodec.Published> current = parameters.get(parameter).flatMap(EfsScalerFlow::readable);
        if (current.isPresent() && current.get().list().equals(next)) {
            boolean pending = current.get().rollout() == MountTargetListCodec.Rollout.PENDING;
            return Produced.of(new Publication(next, pending, false), StepOutcome.succeeded("unchanged: " + parameter
                    + " already lists " + next.mountTargets().size() + " mount target(s)" + (pending ? ", which have "
                            + "not reached " + service() + " yet (an earlier redeploy failed or had no time)" : "")));
        }
        if (dryRun) {
            return Produced.of(new Publication(next, true, false),
                    StepOutcome.skipped("dry run: would publish " + next.describe() + " to " + parameter));
        }
        parameters.put(parameter, MountTargetListCodec.encode(next, MountTargetListCodec.Rollout.PENDING));
        return Produced.of(new Publication(next, true, true), StepOutcome.succeeded("published "
                + next.mountTargets().size() + " mount target(s) to " + parameter + ": " + next.describe()));
    }

    /** Restarts the consumer's tasks, then marks the list as rolled out; until then every run redeploys again. */
    private StepOutcome redeploy(Publication publication, boolean dryRun) {
        if (dryRun) {
            return StepOutcome.skipped("dry run: would force a new deployment of " + service());
        }
        services.forceNewDeployment(settings.ecsCluster(), settings.ecsService());
        String done = "forced a new deployment of " + service() + ": its tasks read the "
                + (publication.written() ? "new list" : "list an earlier run published");
        try {
            parameters.put(settings.mountTargetParameter(),
                    MountTargetListCodec.encode(publication.list(), MountTargetListCodec.Rollout.DONE));
        } catch (RuntimeException e) {
            return StepOutcome.failed(done + ", but marking " + settings.mountTargetParameter() + " as rolled out "
                    + "failed: " + StepRunner.describe(e) + "; the next run redeploys again");
        }
        return StepOutcome.succeeded(done);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** A list this build cannot read counts as different, so a good one replaces it. */
    private static Optional<MountTargetListCodec.Published> readable(String raw) {
        try {
            return Optional.of(MountTargetListCodec.decodePublished(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String service() {
        return settings.ecsCluster() + "/" + settings.ecsService();
    }

    private static String zones(Set<String> zones) {
        return zones.isEmpty() ? "no zone" : String.join(", ", zones);
    }

    private String summary(Optional<Count> count, Optional<Survey> survey, Optional<Growth> growth,
            Optional<Publication> publication, List<StepResult> steps, boolean below, boolean dryRun) {
        boolean written = publication.filter(Publication::written).isPresent();
        Optional<StepResult> failed = steps.stream().filter(StepResult::failed).findFirst();
        if (failed.isPresent()) {
            return "Failed at " + failed.get().name() + ": " + failed.get().detail()
                    + (failed.get().name().equals("redeploy") ? ""
                            : written ? "; the list of available targets was published to " + settings.mountTargetParameter()
                                    : "; " + settings.mountTargetParameter() + " keeps the last good list");
        }
        if (below) {
            return "Below threshold: " + count.map(Count::count).orElse(0L) + " file(s) in " + settings.targetDirectory()
                    + " ≤ " + settings.fileCountThreshold() + "; nothing changed";
        }
        String prefix = dryRun ? "Dry run: " : "";
        boolean redeployed = steps.stream().anyMatch(s -> s.name().equals("redeploy")
                && s.status() == StepStatus.SUCCEEDED);
        String published = written ? "; list published to " + settings.mountTargetParameter() + ", " + service()
                + " redeployed" : redeployed ? "; " + service() + " redeployed with the published list" : "";
        String files = count.map(Count::words).orElse("?");
        if (survey.isPresent() && survey.get().fileSystem().oneZone()) {
            return prefix + "One Zone: " + settings.fileSystemId() + " keeps its one mount target by design (" + files
                    + " file(s))" + published;
        }
        Optional<MountTarget> readied = growth.flatMap(Growth::readied);
        if (survey.isPresent() && survey.get().plan().allZonesCovered() && readied.isEmpty()) {
            return prefix + "All zones covered: " + files + " file(s) but every zone ("
                    + zones(survey.get().plan().vpcZones()) + ") has a mount target" + published;
        }
        return prefix + readied.map(t -> "Mount target " + t.mountTargetId() + " available in "
                + t.availabilityZone()).orElse("Nothing created") + published;
    }
}
