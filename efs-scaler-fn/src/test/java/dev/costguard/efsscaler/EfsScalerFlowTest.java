package dev.costguard.efsscaler;

import static dev.costguard.efsscaler.EfsScalerFixtures.CLUSTER;
import static dev.costguard.efsscaler.EfsScalerFixtures.FS;
import static dev.costguard.efsscaler.EfsScalerFixtures.LIST;
import static dev.costguard.efsscaler.EfsScalerFixtures.SERVICE;
import static dev.costguard.efsscaler.EfsScalerFixtures.VPC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.core.efs.CountMode;
import dev.costguard.core.efs.EfsFileSystem;
import dev.costguard.core.efs.MountTarget;
import dev.costguard.core.efs.MountTargetList;
import dev.costguard.core.efs.MountTargetListCodec;
import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryEcs;
import dev.costguard.core.fakes.InMemoryParameters;
import dev.costguard.core.json.Json;
import dev.costguard.core.ports.ContainerServices;
import dev.costguard.core.ports.MountTargets;
import dev.costguard.core.ports.Notifier;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.Subnets;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.report.RunOutcome;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Deadline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EfsScalerFlowTest {

    static final Duration POLL = Duration.ofSeconds(10);
    static final String TOPIC = "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-results";

    @TempDir
    Path directory;

    private final FakeTime time = new FakeTime(Instant.parse("2026-11-02T03:00:00Z"));
    private final InMemoryParameters parameters = new InMemoryParameters();
    private final InMemoryEcs ecs = new InMemoryEcs().withService(CLUSTER, SERVICE, 2);
    private final List<String> published = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private InMemoryEfs efs;

    /** The sample account: three zones, targets in two of them, published in SSM. */
    @BeforeEach
    void twoOfThreeZonesCovered() {
        efs = new InMemoryEfs(FS, VPC)
                .withSubnet("subnet-0aaa", "ap-northeast-1a", 200)
                .withSubnet("subnet-0ccc", "ap-northeast-1c", 200)
                .withSubnet("subnet-0ddd", "ap-northeast-1d", 200)
                .withTarget("fsmt-0aaa", "ap-northeast-1a", "available")
                .withTarget("fsmt-0ccc", "ap-northeast-1c", "available");
        parameters.with(LIST, MountTargetListCodec.encode(new MountTargetList(FS, efs.targets())));
    }

    EfsScalerSettings settings(long threshold, boolean dryRun) {
        return new EfsScalerSettings(directory, threshold, CountMode.ENTRIES, false, FS, VPC, List.of("sg-0123456789abcdef0"),
                LIST, CLUSTER, SERVICE, POLL, Optional.of(TOPIC), dryRun);
    }

    EfsScalerFlow flow(long threshold) {
        return flow(settings(threshold, false));
    }

    EfsScalerFlow flow(EfsScalerSettings settings) {
        CurrentDeadline current = new CurrentDeadline(time);
        return flow(settings, efs, efs, parameters, ecs, current);
    }

    EfsScalerFlow flow(EfsScalerSettings settings, MountTargets mountTargets, Subnets subnets, Parameters parameters,
            ContainerServices services, CurrentDeadline current) {
        Notifier notifier = (topic, subject, message) -> {
            published.add(subject);
            return "message-" + published.size();
        };
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        return new EfsScalerFlow(settings, mountTargets, subnets, parameters, services,
                new RunFinisher(new RunReportLog(out, time), new ReportPublisher(notifier, time), current), current,
                new EventLog(out, time), time, time);
    }

    RunReport run(EfsScalerFlow flow, Duration timeLeft) {
        return flow.run(new EfsScalerRequest(Trigger.SCHEDULE, false), deadline(timeLeft));
    }

    Deadline deadline(Duration timeLeft) {
        return Deadline.fromRemaining(time, timeLeft, Duration.ofSeconds(5));
    }

    void files(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            Files.createFile(directory.resolve("upload-" + i + ".bin"));
        }
    }

    String listInSsm() {
        return parameters.value(LIST).orElseThrow();
    }

    static StepResult step(RunReport report, String name) {
        return report.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    // ---- the ordinary runs ------------------------------------------------------------------------------

    @Test
    void belowTheThresholdCountsAndStopsWithoutAnyAwsCall() throws IOException {
        files(5);
        String before = listInSsm();

        RunReport report = run(flow(5), Duration.ofMinutes(2));

        assertThat(report.outcome()).isEqualTo(RunOutcome.SKIPPED);
        assertThat(step(report, "count").detail())
                .isEqualTo("5 entries in " + directory + " (COSTGUARD_COUNT_MODE=entries, counted in full)");
        assertThat(step(report, "threshold").detail()).isEqualTo("below threshold: 5 ≤ 5 (COSTGUARD_FILE_COUNT_THRESHOLD)");
        assertThat(report.summary()).isEqualTo("Below threshold: 5 file(s) in " + directory + " ≤ 5; nothing changed");
        assertThat(efs.calls()).isEmpty();
        assertThat(listInSsm()).isEqualTo(before);
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isZero();
        assertThat(published).containsExactly("Cost Guard efs-scaler: SKIPPED");
    }

    @Test
    void aboveTheThresholdAddsATargetInTheUncoveredZonePublishesTheListAndRedeploys() throws IOException {
        files(6);

        RunReport report = run(flow(5), Duration.ofMinutes(2));

        assertThat(report.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(report.steps()).extracting(StepResult::name)
                .containsExactly("count", "threshold", "survey", "mount-target", "publish", "redeploy");
        assertThat(efs.calls()).filteredOn(c -> c.startsWith("CreateMountTarget")).containsExactly("CreateMountTarget subnet-0ddd");
        assertThat(step(report, "mount-target").detail()).startsWith("fsmt-new1 in ap-northeast-1d (subnet-0ddd, ")
                .endsWith("available) is available after 3 look(s)");
        assertThat(time.slept()).isEqualTo(POLL.multipliedBy(3));
        MountTargetList list = MountTargetListCodec.decode(listInSsm());
        assertThat(list.mountTargets()).extracting(MountTarget::availabilityZone)
                .containsExactly("ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d");
        assertThat(list.mountTargets()).allMatch(MountTarget::available).allMatch(t -> t.ipAddress() != null);
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isEqualTo(1);
        assertThat(report.summary()).isEqualTo("Mount target fsmt-new1 available in ap-northeast-1d; list published to "
                + LIST + ", " + CLUSTER + "/" + SERVICE + " redeployed");
        String lines = log.toString(StandardCharsets.UTF_8);
        assertThat(lines).contains("\"event\":\"mount_target_created\"", "\"event\":\"mount_target_poll\"",
                "\"event\":\"run_report\"");
        assertThat(lines.lines()).allMatch(line -> line.startsWith("{") && line.endsWith("}"));
    }

    @Test
    void whenEveryZoneIsCoveredNothingIsCreatedAndAnUnchangedListIsNotRewritten() throws IOException {
        efs.withTarget("fsmt-0ddd", "ap-northeast-1d", "available");
        parameters.with(LIST, MountTargetListCodec.encode(new MountTargetList(FS, efs.targets())));
        files(6);

        RunReport report = run(flow(5), Duration.ofMinutes(2));

        assertThat(report.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(step(report, "mount-target").detail()).isEqualTo("all zones covered: every Availability Zone of "
                + VPC + " (ap-northeast-1a, ap-northeast-1c, ap-northeast-1d) has a mount target; nothing created");
        assertThat(step(report, "publish").detail()).isEqualTo("unchanged: " + LIST + " already lists 3 mount target(s)");
        assertThat(step(report, "redeploy").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(efs.created()).isZero();
        assertThat(parameters.calls()).doesNotContain("PutParameter " + LIST);
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isZero();
        // Nothing was published and nothing redeployed, so the summary claims neither.
        assertThat(report.summary()).isEqualTo("All zones covered: more than 5 file(s) but every zone "
                + "(ap-northeast-1a, ap-northeast-1c, ap-northeast-1d) has a mount target");
    }

    @Test
    void aListThatFellBehindIsCorrectedEvenWhenEveryZoneIsCovered() throws IOException {
        // An earlier run's target became available after that run's deadline: this run publishes it.
        efs.withTarget("fsmt-0ddd", "ap-northeast-1d", "available");
        files(6);

        RunReport report = run(flow(5), Duration.ofMinutes(2));

        assertThat(step(report, "publish").detail()).startsWith("published 3 mount target(s) to " + LIST);
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isEqualTo(1);
    }

    @Test
    void aDryRunPlansButChangesNothing() throws IOException {
        files(6);
        String before = listInSsm();

        RunReport report = flow(settings(5, true)).run(new EfsScalerRequest(Trigger.MANUAL, false),
                deadline(Duration.ofMinutes(2)));

        assertThat(report.dryRun()).isTrue();
        assertThat(step(report, "mount-target").detail()).isEqualTo("dry run: would create a mount target in subnet-0ddd (ap-northeast-1d)");
        assertThat(efs.created()).isZero();
        assertThat(listInSsm()).isEqualTo(before);
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isZero();
    }

    @Test
    void aDryRunSetInTheSettingsChangesNothing() throws IOException {
        files(6);
        String before = listInSsm();
        Map<String, String> env = EfsScalerFixtures.required(directory);
        env.put("dry-run", "true");
        EfsScalerSettings settings = EfsScalerSettings.from(EfsScalerFixtures.config(env));
        assertThat(settings.dryRun()).isTrue();

        // The schedule never asks for a dry run: only the setting can make this one.
        RunReport report = run(flow(settings), Duration.ofMinutes(2));

        assertThat(report.dryRun()).isTrue();
        assertThat(step(report, "mount-target").detail()).isEqualTo("dry run: would create a mount target in subnet-0ddd (ap-northeast-1d)");
        assertThat(efs.calls()).noneMatch(call -> call.startsWith("CreateMountTarget"));
        assertThat(efs.created()).isZero();
        assertThat(parameters.calls()).doesNotContain("PutParameter " + LIST);
        assertThat(listInSsm()).isEqualTo(before);
        assertThat(ecs.mutatingCalls()).isEmpty();
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isZero();
    }

    // ---- the run's deadline -------------------------------------------------------------------------------

    @Test
    void everyAwsCallRunsUnderTheRunsDeadline() throws IOException {
        files(6);
        CurrentDeadline current = new CurrentDeadline(time);
        List<String> calls = new ArrayList<>();
        List<Deadline> seen = new ArrayList<>();
        Deadline deadline = deadline(Duration.ofMinutes(2));

        RunReport report = flow(settings(5, false), watched(MountTargets.class, efs, current, calls, seen),
                watched(Subnets.class, efs, current, calls, seen), watched(Parameters.class, parameters, current, calls, seen),
                watched(ContainerServices.class, ecs, current, calls, seen), current)
                .run(new EfsScalerRequest(Trigger.SCHEDULE, false), deadline);

        assertThat(report.outcome()).as("a run that grows, publishes and redeploys: %s", report).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(calls).as("every port is called").contains("MountTargets", "Subnets", "Parameters", "ContainerServices");
        // The AWS clients cap each call's timeout to what current holds; without the run's deadline there, a silent
        // endpoint could keep the function past its Lambda timeout and lose the report.
        assertThat(seen).hasSameSizeAs(calls).allSatisfy(d -> assertThat(d).isSameAs(deadline));
    }

    /** The port, noting on each call which deadline the AWS clients would cap it to. */
    private static <T> T watched(Class<T> port, T delegate, CurrentDeadline current, List<String> calls, List<Deadline> seen) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(delegate, args);
            }
            synchronized (seen) {
                calls.add(port.getSimpleName());
                seen.add(current.get());
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] { port }, handler));
    }

    // ---- failures -----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "MountTargetConflict", "NetworkInterfaceLimitExceeded", "SecurityGroupLimitExceeded",
            "IncorrectFileSystemLifeCycleState", "AccessDeniedException" })
    void aRefusalThatWouldRepeatInEveryZoneFailsTheStepAtOnceAndTheListStaysAsItIs(String code) throws IOException {
        efs.withSubnet("subnet-0eee", "ap-northeast-1e", 200).refusingCreateWith(code);
        files(6);
        String before = listInSsm();

        RunReport report = run(flow(5), Duration.ofMinutes(2));

        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(step(report, "mount-target").detail())
                .startsWith("EFS refused a mount target in subnet-0ddd (ap-northeast-1d): " + code + ": ");
        assertThat(efs.calls()).filteredOn(c -> c.startsWith("CreateMountTarget")).containsExactly("CreateMountTarget subnet-0ddd");
        assertThat(step(report, "publish").detail()).isEqualTo("unchanged: " + LIST + " already lists 2 mount target(s)");
        assertThat(step(report, "redeploy").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(listInSsm()).isEqualTo(before);
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isZero();
        assertThat(published).containsExactly("Cost Guard efs-scaler: FAILED");
    }

    // ---- zones: a bad zone never blocks the others ------------------------------------------------------

    // https://docs.aws.amazon.com/efs/latest/ug/API_CreateMountTarget.html (Errors): UnsupportedAvailabilityZone,
    // NoFreeAddressesInSubnet, SubnetNotFound, IpAddressInUse concern one subnet or zone.
    @ParameterizedTest
    @ValueSource(strings = { "UnsupportedAvailabilityZone", "NoFreeAddressesInSubnet", "SubnetNotFound", "IpAddressInUse" })
    void aRefusedZoneMovesOnToTheNextCandidateInTheSameRunAndNamesTheRefusal(String code) throws IOException {
        efs.withSubnet("subnet-0eee", "ap-northeast-1e", 200).refusingCreateIn("ap-northeast-1d", code);
        files(6);

        RunReport report = run(flow(5), Duration.ofMinutes(2));

        assertThat(report.outcome()).as(report.summary()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(efs.calls()).filteredOn(c -> c.startsWith("CreateMountTarget"))
                .containsExactly("CreateMountTarget subnet-0ddd", "CreateMountTarget subnet-0eee");
        assertThat(step(report, "mount-target").detail()).startsWith("fsmt-new1 in ap-northeast-1e (subnet-0eee, ")
                .contains("is available after 3 look(s); refused before: subnet-0ddd (ap-northeast-1d): " + code + ": ");
        assertThat(MountTargetListCodec.decode(listInSsm()).mountTargets()).extracting(MountTarget::availabilityZone)
                .containsExactly("ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1e");
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isEqualTo(1);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"event\":\"mount_target_refused\"");
    }

    @Test
    void whenEveryCandidateIsRefusedTheRunFailsNamingEachRefusalAndTheListIsStillPublished() throws IOException {
        // An earlier run's target is available but was never published; the refusals must not keep it from the list.
        efs.withSubnet("subnet-0eee", "ap-northeast-1e", 200).withSubnet("subnet-0fff", "ap-northeast-1f", 200)
                .withTarget("fsmt-0fff", "ap-northeast-1f", "available")
                .refusingCreateIn("ap-northeast-1d", "UnsupportedAvailabilityZone")
                .refusingCreateIn("ap-northeast-1e", "NoFreeAddressesInSubnet");
        files(6);

        RunReport report = run(flow(5), Duration.ofMinutes(2));

        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(step(report, "mount-target").detail()).startsWith("EFS refused a mount target in every candidate: "
                + "subnet-0ddd (ap-northeast-1d): UnsupportedAvailabilityZone: ").contains("; subnet-0eee (ap-northeast-1e): "
                + "NoFreeAddressesInSubnet: ");
        assertThat(step(report, "publish").detail()).startsWith("published 3 mount target(s) to " + LIST);
        assertThat(MountTargetListCodec.decode(listInSsm()).mountTargets()).extracting(MountTarget::mountTargetId)
                .containsExactly("fsmt-0aaa", "fsmt-0ccc", "fsmt-0fff");
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isEqualTo(1);
        assertThat(report.summary()).startsWith("Failed at mount-target: EFS refused a mount target in every candidate")
                .endsWith("; the list of available targets was published to " + LIST);
    }

    @Test
    void aLocalZoneSubnetIsPassedOverThoughItsZoneNameSortsFirst() throws IOException {
        // "ap-northeast-1-tpe-1a" < "ap-northeast-1d": a name order alone would try the Local Zone first, forever.
        efs.withSubnet("subnet-0tpe", "ap-northeast-1-tpe-1a", 200).withZoneType("ap-northeast-1-tpe-1a", "local-zone");
        files(6);

        RunReport report = run(flow(5), Duration.ofMinutes(2));

        assertThat(report.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(efs.calls()).filteredOn(c -> c.startsWith("CreateMountTarget")).containsExactly("CreateMountTarget subnet-0ddd");
        assertThat(efs.calls()).contains("DescribeAvailabilityZones ap-northeast-1-tpe-1a,ap-northeast-1a,ap-northeast-1c,ap-northeast-1d");
        assertThat(step(report, "survey").detail()).contains("usable zones ap-northeast-1a, ap-northeast-1c, ap-northeast-1d")
                .contains("passed over: subnet-0tpe (ap-northeast-1-tpe-1a): a local-zone, EFS takes mount targets in "
                        + "regular Availability Zones only");
    }

    @Test
    void aSubnetAllowListKeepsNewTargetsToTheNamedSubnets() throws IOException {
        efs.withSubnet("subnet-0eee", "ap-northeast-1e", 200);
        files(6);
        EfsScalerSettings allowed = new EfsScalerSettings(directory, 5, CountMode.ENTRIES, false, FS, VPC,
                List.of("sg-0123456789abcdef0"), LIST, CLUSTER, SERVICE, POLL, Optional.of(TOPIC), false,
                List.of("subnet-0aaa", "subnet-0ccc", "subnet-0eee"));

        RunReport report = run(flow(allowed), Duration.ofMinutes(2));

        assertThat(efs.calls()).filteredOn(c -> c.startsWith("CreateMountTarget")).containsExactly("CreateMountTarget subnet-0eee");
        assertThat(step(report, "survey").detail()).contains("3 allowed by COSTGUARD_SUBNET_IDS")
                .contains("usable zones ap-northeast-1a, ap-northeast-1c, ap-northeast-1e").doesNotContain("not in");
    }

    @Test
    void anAllowedSubnetThatIsNotInTheVpcIsNamedAndOnlyThatOne() throws IOException {
        files(6);
        EfsScalerSettings allowed = new EfsScalerSettings(directory, 5, CountMode.ENTRIES, false, FS, VPC,
                List.of("sg-0123456789abcdef0"), LIST, CLUSTER, SERVICE, POLL, Optional.of(TOPIC), false,
                List.of("subnet-0aaa", "subnet-0zzz"));

        RunReport report = run(flow(allowed), Duration.ofMinutes(2));

        assertThat(step(report, "survey").detail()).contains("2 allowed by COSTGUARD_SUBNET_IDS")
                .endsWith(", usable zones ap-northeast-1a; not in " + VPC + ": subnet-0zzz");
        assertThat(efs.calls()).noneMatch(c -> c.startsWith("CreateMountTarget"));
    }

    // ---- One Zone ---------------------------------------------------------------------------------------

    // https://docs.aws.amazon.com/efs/latest/ug/API_DescribeFileSystems.html: AvailabilityZoneName marks One Zone
    // storage, which takes one mount target, in its own zone (https://docs.aws.amazon.com/efs/latest/ug/accessing-fs.html).
    @Test
    void aOneZoneFileSystemGetsNoCreateAClearStepAndItsListPublished() throws IOException {
        efs = new InMemoryEfs(FS, VPC).withSubnet("subnet-0aaa", "ap-northeast-1a", 200)
                .withSubnet("subnet-0ccc", "ap-northeast-1c", 200)
                .withTarget("fsmt-0aaa", "ap-northeast-1a", "available").oneZoneIn("ap-northeast-1a");
        parameters.with(LIST, MountTargetListCodec.encode(new MountTargetList(FS, List.of(
                new MountTarget("fsmt-0old", "ap-northeast-1a", "subnet-0aaa", "10.0.0.9", "available")))));
        files(6);

        RunReport report = run(flow(5), Duration.ofMinutes(2));

        assertThat(report.outcome()).as(report.summary()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(efs.calls()).noneMatch(c -> c.startsWith("CreateMountTarget"));
        assertThat(step(report, "survey").detail()).startsWith("1 mount target(s) of " + FS
                + " (One Zone, ap-northeast-1a) in ap-northeast-1a; ");
        assertThat(step(report, "mount-target").detail()).isEqualTo("One Zone: one mount target by design; " + FS
                + " lives in ap-northeast-1a and EFS allows it no other, so nothing is created");
        assertThat(MountTargetListCodec.decode(listInSsm()).mountTargets()).extracting(MountTarget::mountTargetId)
                .containsExactly("fsmt-0aaa");
        assertThat(report.summary()).startsWith("One Zone: " + FS + " keeps its one mount target by design");
    }

    // ---- lifecycle: a target in error covers nothing ------------------------------------------------------

    // https://docs.aws.amazon.com/efs/latest/ug/API_MountTargetDescription.html: LifeCycleState creating | available
    // | updating | deleting | deleted | error.
    @ParameterizedTest
    @ValueSource(strings = { "error", "deleting" })
    void aTargetInErrorOrDeletingDoesNotCoverItsZoneAndEveryRunNamesIt(String state) throws IOException {
        efs.withTarget("fsmt-0ddd", "ap-northeast-1d", state);
        files(6);

        RunReport first = run(flow(5), Duration.ofMinutes(2));
        time.advance(Duration.ofMinutes(5));
        RunReport second = run(flow(5), Duration.ofMinutes(2));

        for (RunReport report : List.of(first, second)) {
            assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
            // Only a target in error gets the advice to delete it: a deleting one goes away by itself.
            assertThat(step(report, "mount-target").detail()).isEqualTo("not every zone is covered and no zone is free "
                    + "to take a mount target; not covering their zone: fsmt-0ddd in ap-northeast-1d is " + state
                    + (state.equals("error") ? " (delete a target in error; EFS makes no new one in its zone while it "
                            + "exists)" : ""));
            assertThat(step(report, "survey").detail()).contains("fsmt-0ddd in ap-northeast-1d is " + state);
            assertThat(report.summary()).doesNotContain("All zones covered");
        }
        assertThat(efs.calls()).noneMatch(c -> c.startsWith("CreateMountTarget"));
        assertThat(MountTargetListCodec.decode(listInSsm()).mountTargets()).extracting(MountTarget::mountTargetId)
                .containsExactly("fsmt-0aaa", "fsmt-0ccc");
    }

    @Test
    void aNewTargetThatFailsIntoErrorIsReportedAndTheNextRunNamesItInsteadOfSayingAllZonesCovered() throws IOException {
        efs.newTargetsFail();
        files(6);

        RunReport first = run(flow(5), Duration.ofMinutes(2));

        assertThat(step(first, "mount-target").detail()).isEqualTo("fsmt-new1 in ap-northeast-1d went to state 'error' "
                + "instead of available");
        time.advance(Duration.ofMinutes(5));
        RunReport second = run(flow(5), Duration.ofMinutes(2));

        assertThat(second.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(step(second, "mount-target").detail()).contains("fsmt-new1 in ap-northeast-1d is error (delete a target "
                + "in error; EFS makes no new one in its zone while it exists)");
        assertThat(efs.created()).isEqualTo(1);
    }

    @Test
    void aTargetStillCreatingAtTheDeadlineIsLeftForTheNextRunWhichWaitsInsteadOfCreatingAnother() throws IOException {
        efs.availableAfter(100);
        files(6);
        String before = listInSsm();

        RunReport first = run(flow(5), Duration.ofSeconds(45));

        assertThat(first.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(step(first, "mount-target").detail()).isEqualTo("fsmt-new1 in ap-northeast-1d is still creating after "
                + "4 look(s): no time left before the Lambda timeout; the next run waits for it instead of creating another");
        assertThat(time.slept()).isLessThanOrEqualTo(Duration.ofSeconds(45));
        assertThat(listInSsm()).isEqualTo(before);

        efs.availableAfter(1);
        time.advance(Duration.ofMinutes(5));
        RunReport second = run(flow(5), Duration.ofMinutes(2));

        assertThat(second.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(step(second, "mount-target").detail()).startsWith("an earlier run's fsmt-new1 in ap-northeast-1d");
        assertThat(efs.created()).as("one CreateMountTarget over both runs").isEqualTo(1);
        assertThat(MountTargetListCodec.decode(listInSsm()).mountTargets()).hasSize(3);
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isEqualTo(1);
    }

    @Test
    void stepsReachedAfterTheDeadlineAreFailedForLackOfTimeAndTheReportStillGoesOut() throws IOException {
        files(6);
        String before = listInSsm();

        RunReport report = run(flow(5), Duration.ofSeconds(5));

        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(step(report, "survey").detail()).isEqualTo(Deadline.NO_TIME);
        assertThat(step(report, "publish").detail()).isEqualTo(Deadline.NO_TIME);
        assertThat(step(report, "redeploy").detail()).isEqualTo(Deadline.NO_TIME);
        assertThat(efs.calls()).isEmpty();
        assertThat(listInSsm()).isEqualTo(before);
        assertThat(published).containsExactly("Cost Guard efs-scaler: FAILED");
    }

    @Test
    void aFailedPutParameterLeavesTheLastGoodListAndDoesNotRedeploy() throws IOException {
        parameters.failing("PutParameter");
        files(6);
        String before = listInSsm();

        RunReport report = run(flow(5), Duration.ofMinutes(2));

        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(step(report, "publish").detail()).isEqualTo("PutParameter " + LIST
                + " failed: InternalServerError (HTTP 500)");
        assertThat(step(report, "redeploy").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(listInSsm()).isEqualTo(before);
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isZero();
    }

    @Test
    void aMissingDirectoryIsAFailedCountAndNothingElseRuns() {
        EfsScalerSettings settings = new EfsScalerSettings(directory.resolve("gone"), 5, CountMode.ENTRIES, false, FS,
                VPC, List.of("sg-0123456789abcdef0"), LIST, CLUSTER, SERVICE, POLL, Optional.empty(), false);

        RunReport report = flow(settings).run(new EfsScalerRequest(Trigger.SCHEDULE, false), deadline(Duration.ofMinutes(1)));

        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(step(report, "count").detail()).isEqualTo("cannot count: " + directory.resolve("gone") + " does not exist");
        assertThat(report.steps()).filteredOn(s -> !s.name().equals("count")).allMatch(s -> s.status() == StepStatus.SKIPPED);
        assertThat(efs.calls()).isEmpty();
    }

    // ---- rollout: a published list always reaches the consumer ---------------------------------------------

    @Test
    void aRedeployThatFailsIsRetriedByTheNextRunUntilTheListHasReachedTheService() throws IOException {
        files(6);
        ecs.failing("UpdateService");

        RunReport first = run(flow(5), Duration.ofMinutes(2));

        assertThat(step(first, "publish").detail()).startsWith("published 3 mount target(s)");
        assertThat(step(first, "redeploy").status()).isEqualTo(StepStatus.FAILED);
        assertThat(MountTargetListCodec.decodePublished(listInSsm()).rollout()).isEqualTo(MountTargetListCodec.Rollout.PENDING);

        ecs.healing("UpdateService");
        time.advance(Duration.ofMinutes(5));
        RunReport second = run(flow(5), Duration.ofMinutes(2));

        assertThat(second.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(step(second, "publish").detail()).isEqualTo("unchanged: " + LIST + " already lists 3 mount "
                + "target(s), which have not reached " + CLUSTER + "/" + SERVICE + " yet (an earlier redeploy failed or had no time)");
        assertThat(step(second, "redeploy").detail()).isEqualTo("forced a new deployment of " + CLUSTER + "/" + SERVICE
                + ": its tasks read the list an earlier run published");
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isEqualTo(1);
        assertThat(MountTargetListCodec.decodePublished(listInSsm()).rollout()).isEqualTo(MountTargetListCodec.Rollout.DONE);
        assertThat(second.summary()).isEqualTo("All zones covered: more than 5 file(s) but every zone (ap-northeast-1a, "
                + "ap-northeast-1c, ap-northeast-1d) has a mount target; " + CLUSTER + "/" + SERVICE
                + " redeployed with the published list");

        time.advance(Duration.ofMinutes(5));
        RunReport third = run(flow(5), Duration.ofMinutes(2));

        assertThat(step(third, "redeploy").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isEqualTo(1);
    }

    @Test
    void aRedeployWhoseRolloutCannotBeRecordedFailsAndTheNextRunRedeploysAgain() throws IOException {
        files(6);
        efs.withTarget("fsmt-0ddd", "ap-northeast-1d", "available");
        parameters.with(LIST, MountTargetListCodec.encode(new MountTargetList(FS, efs.targets()),
                MountTargetListCodec.Rollout.PENDING));
        parameters.failing("PutParameter");

        RunReport first = run(flow(5), Duration.ofMinutes(2));

        assertThat(step(first, "redeploy").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(first, "redeploy").detail()).startsWith("forced a new deployment of " + CLUSTER + "/" + SERVICE
                + ": its tasks read the list an earlier run published, but marking " + LIST + " as rolled out failed: ")
                .endsWith("; the next run redeploys again");
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isEqualTo(1);

        parameters.healing("PutParameter");
        RunReport second = run(flow(5), Duration.ofMinutes(2));

        assertThat(step(second, "redeploy").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isEqualTo(2);
        assertThat(MountTargetListCodec.decodePublished(listInSsm()).rollout()).isEqualTo(MountTargetListCodec.Rollout.DONE);
    }

    // ---- count: stops early, and never outlives the run -----------------------------------------------------

    @Test
    void aBigDirectoryIsCountedOnlyUntilItPassesTheThresholdAndTheModeIsNamed() throws IOException {
        files(40);

        RunReport report = flow(new EfsScalerSettings(directory, 5, CountMode.REGULAR_FILES, false, FS, VPC,
                List.of("sg-0123456789abcdef0"), LIST, CLUSTER, SERVICE, POLL, Optional.of(TOPIC), false))
                .run(new EfsScalerRequest(Trigger.SCHEDULE, false), deadline(Duration.ofMinutes(2)));

        assertThat(step(report, "count").detail()).isEqualTo("more than 5 regular files in " + directory
                + " (COSTGUARD_COUNT_MODE=regular-files, stopped once past the threshold)");
        assertThat(step(report, "threshold").detail()).isEqualTo("above threshold: more than 5 > 5");
        assertThat(report.summary()).startsWith("Mount target fsmt-new1 available");
    }

    @Test
    void aCountThatOutlivesTheDeadlineFailsWithTheCountSoFarAndTheReportStillGoesOut() throws IOException {
        files(100);
        // Each look at the clock costs a second, as each name read costs an NFS round trip on a bad day.
        java.time.Clock ticking = new java.time.Clock() {
            @Override
            public Instant instant() {
                time.advance(Duration.ofSeconds(1));
                return time.instant();
            }

            @Override
            public java.time.ZoneId getZone() {
                return time.getZone();
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        String before = listInSsm();

        RunReport report = flow(5_000).run(new EfsScalerRequest(Trigger.SCHEDULE, false),
                Deadline.fromRemaining(ticking, Duration.ofSeconds(40), Duration.ofSeconds(10)));

        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(step(report, "count").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, "count").detail()).matches("counted \\d+ entries in " + java.util.regex.Pattern.quote(
                directory.toString()) + " so far \\(COSTGUARD_COUNT_MODE=entries\\): " + Deadline.NO_TIME);
        long soFar = Long.parseLong(step(report, "count").detail().split(" ")[1]);
        assertThat(soFar).isBetween(1L, 99L);
        assertThat(efs.calls()).isEmpty();
        assertThat(listInSsm()).isEqualTo(before);
        assertThat(published).containsExactly("Cost Guard efs-scaler: FAILED");
    }

    // ---- refusals within one zone ----------------------------------------------------------------------

    // https://docs.aws.amazon.com/efs/latest/ug/API_CreateMountTarget.html (Errors): UnsupportedAvailabilityZone is
    // about the zone; NoFreeAddressesInSubnet is about the one subnet.
    @Test
    void anUnsupportedZoneIsNotTriedAgainThroughItsOtherSubnet() throws IOException {
        efs.withSubnet("subnet-0dd2", "ap-northeast-1d", 100).withSubnet("subnet-0eee", "ap-northeast-1e", 200)
                .refusingCreateIn("ap-northeast-1d", "UnsupportedAvailabilityZone");
        files(6);

        RunReport report = run(flow(5), Duration.ofMinutes(2));

        assertThat(report.outcome()).as(report.summary()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(efs.calls()).filteredOn(c -> c.startsWith("CreateMountTarget"))
                .containsExactly("CreateMountTarget subnet-0ddd", "CreateMountTarget subnet-0eee");
    }

    @Test
    void aSubnetWithoutAFreeAddressMovesOnToAnotherSubnetOfTheSameZone() throws IOException {
        efs.withSubnet("subnet-0dd2", "ap-northeast-1d", 100).withSubnet("subnet-0eee", "ap-northeast-1e", 200)
                .refusingCreateInSubnet("subnet-0ddd", "NoFreeAddressesInSubnet");
        files(6);

        RunReport report = run(flow(5), Duration.ofMinutes(2));

        assertThat(report.outcome()).as(report.summary()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(efs.calls()).filteredOn(c -> c.startsWith("CreateMountTarget"))
                .containsExactly("CreateMountTarget subnet-0ddd", "CreateMountTarget subnet-0dd2");
        assertThat(step(report, "mount-target").detail()).startsWith("fsmt-new1 in ap-northeast-1d (subnet-0dd2, ")
                .contains("; refused before: subnet-0ddd (ap-northeast-1d): NoFreeAddressesInSubnet: ");
    }

    @Test
    void theDeadlinePassingAfterARefusalEndsTheStepNamingTheRefusalAndTriesNoMore() throws IOException {
        efs.withSubnet("subnet-0eee", "ap-northeast-1e", 200)
                .refusingCreateIn("ap-northeast-1d", "UnsupportedAvailabilityZone");
        files(6);
        // The refused call takes longer than the run has left.
        MountTargets slow = delegating(efs, create -> {
            time.advance(Duration.ofMinutes(3));
            return create;
        }, UnaryOperator.identity());

        RunReport report = flow(settings(5, false), slow, efs, parameters, ecs, new CurrentDeadline(time))
                .run(new EfsScalerRequest(Trigger.SCHEDULE, false), deadline(Duration.ofMinutes(2)));

        assertThat(step(report, "mount-target").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, "mount-target").detail()).startsWith(Deadline.NO_TIME + "; refused before: subnet-0ddd "
                + "(ap-northeast-1d): UnsupportedAvailabilityZone: ");
        assertThat(efs.calls()).filteredOn(c -> c.startsWith("CreateMountTarget")).containsExactly("CreateMountTarget subnet-0ddd");
        assertThat(efs.created()).isZero();
    }

    @Test
    void aNewTargetThatEfsNoLongerKnowsFailsTheStep() throws IOException {
        files(6);
        MountTargets forgetful = delegating(efs, UnaryOperator.identity(), found -> Optional.empty());

        RunReport report = flow(settings(5, false), forgetful, efs, parameters, ecs, new CurrentDeadline(time))
                .run(new EfsScalerRequest(Trigger.SCHEDULE, false), deadline(Duration.ofMinutes(2)));

        assertThat(step(report, "mount-target").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, "mount-target").detail()).isEqualTo("fsmt-new1 disappeared while it was being created");
        assertThat(time.slept()).isEqualTo(POLL);
    }

    /** The fake EFS, with a hook on what CreateMountTarget and DescribeMountTargets (one target) answer. */
    private static MountTargets delegating(InMemoryEfs efs, UnaryOperator<String> beforeCreate,
            UnaryOperator<Optional<MountTarget>> onFind) {
        return new MountTargets() {
            @Override
            public EfsFileSystem fileSystem(String fileSystemId) {
                return efs.fileSystem(fileSystemId);
            }

            @Override
            public List<MountTarget> list(String fileSystemId) {
                return efs.list(fileSystemId);
            }

            @Override
            public MountTarget create(String fileSystemId, String subnetId, List<String> securityGroups) {
                return efs.create(fileSystemId, beforeCreate.apply(subnetId), securityGroups);
            }

            @Override
            public Optional<MountTarget> find(String mountTargetId) {
                return onFind.apply(efs.find(mountTargetId));
            }
        };
    }

    // ---- dry runs and an empty list ---------------------------------------------------------------------

    @Test
    void aDryRunWhileATargetIsStillCreatingSaysARealRunWouldWaitForIt() throws IOException {
        efs.withTarget("fsmt-0ddd", "ap-northeast-1d", "creating");
        files(6);

        RunReport report = flow(settings(5, true)).run(new EfsScalerRequest(Trigger.MANUAL, false),
                deadline(Duration.ofMinutes(2)));

        assertThat(step(report, "mount-target").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(step(report, "mount-target").detail())
                .isEqualTo("dry run: fsmt-0ddd is still being created; a real run would wait for it");
        assertThat(time.slept()).isZero();
        assertThat(efs.calls()).noneMatch(c -> c.equals("DescribeMountTargets fsmt-0ddd"));
    }

    @Test
    void aDryRunWithAListThatFellBehindSaysWhatItWouldPublishAndRedeploy() throws IOException {
        efs.withTarget("fsmt-0ddd", "ap-northeast-1d", "available");
        files(6);
        String before = listInSsm();

        RunReport report = flow(settings(5, true)).run(new EfsScalerRequest(Trigger.MANUAL, false),
                deadline(Duration.ofMinutes(2)));

        assertThat(step(report, "publish").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(step(report, "publish").detail()).isEqualTo("dry run: would publish "
                + new MountTargetList(FS, efs.targets()).describe() + " to " + LIST);
        assertThat(step(report, "redeploy").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(step(report, "redeploy").detail()).isEqualTo("dry run: would force a new deployment of " + CLUSTER
                + "/" + SERVICE);
        assertThat(listInSsm()).isEqualTo(before);
        assertThat(parameters.calls()).doesNotContain("PutParameter " + LIST);
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isZero();
    }

    @Test
    void withNoAvailableTargetTheLastGoodListStaysAndNothingIsRedeployed() throws IOException {
        efs = new InMemoryEfs(FS, VPC).withSubnet("subnet-0aaa", "ap-northeast-1a", 200)
                .withTarget("fsmt-0aaa", "ap-northeast-1a", "error");
        files(6);
        String before = listInSsm();

        RunReport report = run(flow(5), Duration.ofMinutes(2));

        assertThat(step(report, "publish").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, "publish").detail()).isEqualTo(FS + " has no available mount target; " + LIST
                + " keeps the last good list");
        assertThat(step(report, "redeploy").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(listInSsm()).isEqualTo(before);
        assertThat(ecs.deployments(CLUSTER, SERVICE)).isZero();
    }

    // ---- the event log ----------------------------------------------------------------------------------

    private List<JsonNode> events(String event) {
        return log.toString(StandardCharsets.UTF_8).lines().map(line -> {
            try {
                return Json.MAPPER.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).filter(line -> line.path("event").asText().equals(event)).toList();
    }

    /**
     * Every step's result is its own line as it happens (req 5.x), so a run the Lambda timeout cuts short still
     * leaves a trail: ran, skipped for want of an earlier value, or not needed below the threshold.
     */
    @ParameterizedTest
    @ValueSource(strings = { "below the threshold", "nothing to change", "nothing counted" })
    void everyStepIsLoggedAsItsOwnLineInTheOrderOfTheReport(String run) throws IOException {
        EfsScalerSettings settings = settings(5, false);
        switch (run) {
            case "below the threshold" -> files(5);
            case "nothing to change" -> {
                efs.withTarget("fsmt-0ddd", "ap-northeast-1d", "available");
                parameters.with(LIST, MountTargetListCodec.encode(new MountTargetList(FS, efs.targets()),
                        MountTargetListCodec.Rollout.DONE));
                files(6);
            }
            default -> settings = new EfsScalerSettings(directory.resolve("gone"), 5, CountMode.ENTRIES, false, FS,
                    VPC, List.of("sg-0123456789abcdef0"), LIST, CLUSTER, SERVICE, POLL, Optional.empty(), false);
        }

        RunReport report = run(flow(settings), Duration.ofMinutes(2));

        assertThat(events("step")).extracting(line -> line.path("step").asText(), line -> line.path("status").asText(),
                line -> line.path("detail").asText(), line -> line.path("level").asText())
                .containsExactlyElementsOf(report.steps().stream().map(s -> org.assertj.core.groups.Tuple.tuple(
                        s.name(), s.status().name(), s.detail(), s.failed() ? "ERROR" : "INFO")).toList());
        assertThat(report.steps()).hasSize(6);
    }

    @Test
    void theRunStartedLineNamesTheTriggerTheDryRunAndTheDeadline() throws IOException {
        files(5);
        Deadline deadline = deadline(Duration.ofMinutes(2));
        String expected = deadline.toString();

        RunReport report = flow(5).run(new EfsScalerRequest(Trigger.MANUAL, true), deadline);

        assertThat(report.trigger()).isEqualTo("manual");
        assertThat(events("run_started")).singleElement().satisfies(line -> {
            assertThat(line.path("function").asText()).isEqualTo("efs-scaler");
            assertThat(line.path("trigger").asText()).isEqualTo("manual");
            assertThat(line.path("dry_run").asText()).isEqualTo("true");
            assertThat(line.path("deadline").asText()).isEqualTo(expected);
        });
        assertThat(log.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow()).contains("\"run_started\"");
    }

    // ---- properties -------------------------------------------------------------------------------------

    /** P2: a new mount target is asked for exactly when the count is above the threshold. */
    @RepeatedTest(20)
    void theThresholdDecisionIsConsistent(RepetitionInfo repetition) throws IOException {
        Random random = new Random(2_000L + repetition.getCurrentRepetition());
        int count = random.nextInt(30);
        int threshold = 1 + random.nextInt(30);
        files(count);

        RunReport report = run(flow(threshold), Duration.ofMinutes(2));

        assertThat(efs.created()).isEqualTo(count > threshold ? 1 : 0);
        assertThat(step(report, "threshold").detail()).isEqualTo(count > threshold
                ? "above threshold: more than " + threshold + " > " + threshold
                : "below threshold: " + count + " ≤ " + threshold + " (COSTGUARD_FILE_COUNT_THRESHOLD)");
        assertThat(step(report, "count").detail()).startsWith(count > threshold ? "more than " + threshold + " entries"
                : count + " entries");
    }

    /**
     * P3 and P7 over random histories: runs 5 minutes apart with random creation times, deadlines and faults.
     * Never a CreateMountTarget in a zone that is held, nor while one is creating (judged on the calls the flow made:
     * the fake refuses the second target as EFS would, so the targets alone could not show the mistake), and the
     * SSM parameter always holds a complete list of available targets (never an empty or partial one).
     */
    @RepeatedTest(40)
    void randomHistoriesNeverDuplicateATargetNorSpoilTheList(RepetitionInfo repetition) throws IOException {
        Random random = new Random(3_000L + repetition.getCurrentRepetition());
        files(6);
        for (int run = 0; run < 8; run++) {
            efs.availableAfter(random.nextInt(12));
            boolean putFails = random.nextInt(4) == 0;
            InMemoryParameters ssm = putFails ? parameters.failing("PutParameter") : parameters;
            boolean creatingBefore = efs.targets().stream().anyMatch(MountTarget::creating);
            long createsBefore = efs.calls().stream().filter(c -> c.startsWith("CreateMountTarget")).count();

            run(flow(5), Duration.ofSeconds(5 + random.nextInt(120)));

            if (creatingBefore) {
                assertThat(efs.calls().stream().filter(c -> c.startsWith("CreateMountTarget")).count())
                        .as("no create while one is creating").isEqualTo(createsBefore);
            }
            assertThat(efs.mistakes()).as("CreateMountTarget calls the flow should not have made").isEmpty();
            assertThat(efs.targets().stream().map(MountTarget::availabilityZone).distinct().count())
                    .as("one target per zone").isEqualTo(efs.targets().size());
            MountTargetList inSsm = MountTargetListCodec.decode(ssm.value(LIST).orElseThrow());
            assertThat(inSsm.mountTargets()).isNotEmpty().allMatch(MountTarget::available);
            assertThat(inSsm.mountTargets().size()).isGreaterThanOrEqualTo(2);
            if (putFails) {
                parameters.healing("PutParameter");
            }
            time.advance(Duration.ofMinutes(5));
        }
        assertThat(efs.created()).isLessThanOrEqualTo(1);
    }
}
