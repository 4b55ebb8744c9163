package dev.costguard.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryAccount;
import dev.costguard.core.fakes.InMemoryEcs;
import dev.costguard.core.parked.ParkedMarker;
import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.ports.ScalableTargets.Capacity;
import dev.costguard.core.ports.ServiceId;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import dev.costguard.core.schedule.BusinessHours;
import dev.costguard.core.snapshot.ServicePriorTags;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.Snapshot.ServiceCapacity;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.core.time.CurrentDeadline;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Recovery brings the ECS services back after everything else (to their size inside business hours, asleep with
 * the scheduler remembering their size outside them), then lifts the parked marker last.
 */
class RecoveryWakesTheEstateTest {

    static final String RESULT = "arn:aws:sns:eu-west-1:123456789012:cost-guard-result";
    static final String SNAPSHOT = "/cost-guard/test/kill-switch-snapshot";
    static final String PARKED = "/cost-guard/test/parked";
    static final String SCHEDULER = "/cost-guard/test/ecs-scheduler-snapshot";
    static final String INSTANCE = "i-0123456789abcdef0";
    static final String DISTRIBUTION = "E2TESTDIST0001";
    static final String CLUSTER = "demo-cluster";
    static final ServiceId WEB = new ServiceId(CLUSTER, "web");
    static final ServiceId API = new ServiceId(CLUSTER, "api");
    /** Wednesday 2026-11-04 10:00 and 23:00 in Tokyo. */
    static final Instant BUSINESS_HOURS = Instant.parse("2026-11-04T01:00:00Z");
    static final Instant NIGHT = Instant.parse("2026-11-04T14:00:00Z");
    static final String MARKER = "{\"parked_since\":\"2026-11-03T05:00:00Z\",\"trigger\":\"budget-alert\"}";

    private final FakeTime time = new FakeTime(BUSINESS_HOURS);
    private final InMemoryAccount account = new InMemoryAccount(INSTANCE, DISTRIBUTION, "relay");
    private final InMemoryEcs ecs = new InMemoryEcs();

    private RunReport recover(Optional<String> scheduler, boolean dryRun) {
        RecoverySettings settings = new RecoverySettings(List.of("relay"), INSTANCE, DISTRIBUTION, RESULT, SNAPSHOT,
                "http://{privateIp}:8080/health", 5, Duration.ofSeconds(5), Duration.ofSeconds(120), 10, 4, false,
                PARKED, List.of(WEB, API), scheduler,
                BusinessHours.parse("MON-FRI 09:00-22:00", ZoneId.of("Asia/Tokyo"), List.of()).orElseThrow());
        CurrentDeadline current = new CurrentDeadline(time);
        RunFinisher finisher = new RunFinisher(new RunReportLog(new PrintStream(OutputStream.nullOutputStream()), time),
                new ReportPublisher(account, time), current);
        return new RecoveryFlow(settings, account, account, account, account, account, account, account, account, finisher, current, time, time,
                new ParkedMarker(account, PARKED), ecs, ecs, ecs).run(new RecoveryRequest("schedule", dryRun));
    }

    private RunReport recover() {
        return recover(Optional.of(SCHEDULER), false);
    }

    /** As the kill switch leaves the account: web was at 2, api at 3 with bounds 1..4; both parked, tags on both. */
    private void parked(List<ServiceCapacity> recorded) {
        Snapshot snapshot = new Snapshot(Snapshot.CURRENT_VERSION, "shutdown", Instant.parse("2026-11-03T05:00:00Z"),
                "budget-alert", List.of(new Snapshot.FunctionConcurrency("relay", null)),
                new Snapshot.InstanceSnapshot(INSTANCE, "running"), new Snapshot.DistributionSnapshot(DISTRIBUTION, true),
                recorded);
        account.withParameter(SNAPSHOT, SnapshotCodec.encode(snapshot));
        parkedWithoutSnapshot();
    }

    /** Everything parked as {@link #parked(List)} leaves it, but the snapshot was never written: only the tags. */
    private void parkedWithoutSnapshot() {
        account.withParameter(PARKED, MARKER)
                .withReserved("relay", 0).withInstanceState(InstanceState.STOPPED).withDistributionEnabled(false);
        ecs.withService(CLUSTER, "web", 0).withService(CLUSTER, "api", 0).withTarget(CLUSTER, "api", 0, 0);
        ecs.writePriorTags(WEB.label(), ServicePriorTags.tags(2, Optional.empty(), Instant.parse("2026-11-03T05:00:00Z")));
        ecs.writePriorTags(API.label(), ServicePriorTags.tags(3, Optional.of(new Capacity(1, 4)),
                Instant.parse("2026-11-03T05:00:00Z")));
    }

    private void parked() {
        parked(List.of(new ServiceCapacity(CLUSTER, "web", 2, null, null), new ServiceCapacity(CLUSTER, "api", 3, 1, 4)));
    }

    private static StepResult step(RunReport report, String name) {
        return report.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private Snapshot scheduler() {
        return SnapshotCodec.decode(account.parameter(SCHEDULER).orElseThrow());
    }

    @Test
    void inBusinessHoursTheServicesGoBackToTheirSizesAfterEverythingElseThenTheMarkerGoes() {
        parked();

        RunReport report = recover();

        assertThat(report.overallSuccess()).as(report.summary()).isTrue();
        assertThat(report.steps()).extracting(StepResult::name).containsExactly("assess", "start-instance",
                "health-check", "restore-functions", "enable-distribution", "restore-services", "clear-tags",
                "lift-parked", "clear-snapshot", "unknown-items");
        assertThat(ecs.desired(CLUSTER, "web")).isEqualTo(2);
        assertThat(ecs.desired(CLUSTER, "api")).isEqualTo(3);
        assertThat(ecs.target(CLUSTER, "api")).isEqualTo(new Capacity(1, 4));
        assertThat(ecs.tags(CLUSTER, "web")).isEmpty();
        assertThat(ecs.tags(CLUSTER, "api")).isEmpty();
        assertThat(account.parameter(PARKED)).isEmpty();
        assertThat(account.parameter(SNAPSHOT)).isEmpty();
        assertThat(account.parameter(SCHEDULER)).isEmpty();
        assertThat(step(report, "restore-services").items()).extracting(StepResult::detail).containsExactly(
                "desired 0 → 2 (its recorded size)", "desired 0 → 3, scalable target 0..0 → 1..4 (its recorded size)");
        // The count before the bounds, as the scheduler's start does.
        assertThat(ecs.callsFor(CLUSTER, "api")).containsSubsequence("UpdateService demo-cluster/api",
                "RegisterScalableTarget demo-cluster/api", "UntagResource demo-cluster/api");
        assertThat(account.calls()).containsSubsequence("UpdateDistribution " + DISTRIBUTION, "DeleteParameter " + PARKED,
                "DeleteParameter " + SNAPSHOT);
    }

    @Test
    void outsideBusinessHoursTheyStayAsleepAndTheSchedulerRemembersTheirSizesForItsNextStart() {
        parked();
        account.withParameter(SCHEDULER, SnapshotCodec.encode(new Snapshot(Snapshot.CURRENT_VERSION, "ecs-scheduler",
                Instant.parse("2026-11-02T13:00:00Z"), "schedule", null, null, null, List.of(
                        ServiceCapacity.unknown(CLUSTER, "web", null, null, "found already at 0 with no size remembered"),
                        new ServiceCapacity(CLUSTER, "api", 1, 1, 4)))));
        time.set(NIGHT);

        RunReport report = recover();

        assertThat(report.overallSuccess()).as(report.summary()).isTrue();
        assertThat(ecs.desired(CLUSTER, "web")).isZero();
        assertThat(ecs.desired(CLUSTER, "api")).isZero();
        assertThat(ecs.target(CLUSTER, "api")).isEqualTo(Capacity.ASLEEP);
        assertThat(scheduler().takenBy()).isEqualTo("ecs-scheduler");
        assertThat(scheduler().services()).containsExactly(new ServiceCapacity(CLUSTER, "web", 2, null, null),
                new ServiceCapacity(CLUSTER, "api", 3, 1, 4));
        assertThat(ecs.tags(CLUSTER, "api")).isEmpty();
        assertThat(account.parameter(PARKED)).isEmpty();
        assertThat(step(report, "restore-services").detail()).contains("outside business hours")
                .contains("the scheduler now remembers demo-cluster/web 2, demo-cluster/api 3 (bounds 1..4) in " + SCHEDULER);
    }

    @Test
    void withNoSchedulerTheServicesAreAlwaysRestoredAtOnce() {
        parked();
        time.set(NIGHT);

        recover(Optional.empty(), false);

        assertThat(ecs.desired(CLUSTER, "api")).isEqualTo(3);
        assertThat(account.parameter(SCHEDULER)).isEmpty();
    }

    @Test
    void aServiceTheSchedulerHadAsleepWhenItWasParkedWakesAtTheSchedulersSizeInBusinessHours() {
        // The budget tripped at night: the kill switch found web at 0 and api at 0..0; the 09:00 start was refused.
        parked(List.of(new ServiceCapacity(CLUSTER, "web", 0, null, null), new ServiceCapacity(CLUSTER, "api", 0, 0, 0)));
        account.withParameter(SCHEDULER, SnapshotCodec.encode(new Snapshot(Snapshot.CURRENT_VERSION, "ecs-scheduler",
                Instant.parse("2026-11-02T13:00:00Z"), "schedule", null, null, null, List.of(
                        new ServiceCapacity(CLUSTER, "web", 2, null, null), new ServiceCapacity(CLUSTER, "api", 3, 1, 4)))));

        RunReport report = recover();

        assertThat(report.overallSuccess()).as(report.summary()).isTrue();
        assertThat(ecs.desired(CLUSTER, "web")).isEqualTo(2);
        assertThat(ecs.desired(CLUSTER, "api")).isEqualTo(3);
        assertThat(ecs.target(CLUSTER, "api")).isEqualTo(new Capacity(1, 4));
        assertThat(step(report, "restore-services").items().get(0).detail())
                .isEqualTo("desired 0 → 2 (the scheduler's remembered size)");
    }

    @Test
    void aServiceTheSnapshotCouldNotRecordComesBackFromItsTags() {
        parked(List.of(ServiceCapacity.unknown(CLUSTER, "web", null, null, "DescribeServices timed out"),
                new ServiceCapacity(CLUSTER, "api", 3, 1, 4)));

        RunReport report = recover();

        assertThat(report.overallSuccess()).as(report.summary()).isTrue();
        assertThat(ecs.desired(CLUSTER, "web")).isEqualTo(2);
        assertThat(step(report, "assess").detail()).contains("2 ECS service(s) to restore");
    }

    @Test
    void aServiceWithNoRecordAnywhereStaysParkedAndIsNamedWhileTheRestComesBack() {
        parked(List.of(ServiceCapacity.unknown(CLUSTER, "web", null, null, "DescribeServices timed out"),
                new ServiceCapacity(CLUSTER, "api", 3, 1, 4)));
        ecs.removePriorTags(WEB.label(), ServicePriorTags.KEYS);

        RunReport report = recover();

        assertThat(ecs.desired(CLUSTER, "web")).isZero();
        assertThat(ecs.desired(CLUSTER, "api")).isEqualTo(3);
        assertThat(step(report, "unknown-items").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, "unknown-items").items()).singleElement().satisfies(item -> {
            assertThat(item.name()).isEqualTo("service demo-cluster/web");
            assertThat(item.detail()).contains("unknown in the snapshot (DescribeServices timed out), and no "
                    + "cost-guard:prior-desired-count tag on it").contains("aws ecs update-service --cluster demo-cluster"
                            + " --service web --desired-count N");
        });
        assertThat(account.parameter(SNAPSHOT)).isPresent();
        assertThat(account.parameter(PARKED)).isEmpty();
    }

    @Test
    void aServiceThatCannotBeRestoredStopsRecoveryBeforeTheSnapshotAndTheMarkerGo() {
        parked();
        ecs.failing("UpdateService demo-cluster/api");

        RunReport report = recover();

        assertThat(step(report, "restore-services").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, "lift-parked").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(step(report, "clear-snapshot").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(account.parameter(SNAPSHOT)).isPresent();
        assertThat(account.parameter(PARKED)).hasValue(MARKER);
        assertThat(ecs.tags(CLUSTER, "api")).isNotEmpty();
        assertThat(ecs.desired(CLUSTER, "web")).isEqualTo(2);
    }

    @Test
    void aMarkerThatCannotBeLiftedFailsTheRunSoAPersonKnowsTheEstateIsStillParked() {
        parked();
        account.failing("DeleteParameter " + PARKED);

        RunReport report = recover();

        assertThat(step(report, "lift-parked").status()).isEqualTo(StepStatus.FAILED);
        assertThat(report.overallSuccess()).isFalse();
        assertThat(report.summary()).startsWith("Recovery stopped at lift-parked");
        assertThat(account.parameter(PARKED)).hasValue(MARKER);
        assertThat(account.parameter(SNAPSHOT)).isPresent();
    }

    @Test
    void aFailureBeforeTheServicesKeepsThemParkedAndTheMarkerInPlace() {
        parked();
        account.failing("StartInstances");

        recover();

        assertThat(ecs.desired(CLUSTER, "api")).isZero();
        assertThat(ecs.mutatingCalls()).containsExactly("TagResource demo-cluster/web", "TagResource demo-cluster/api");
        assertThat(account.parameter(PARKED)).hasValue(MARKER);
    }

    @Test
    void aDryRunChangesNoServiceAndKeepsTheMarker() {
        parked();
        time.set(NIGHT);

        RunReport report = recover(Optional.of(SCHEDULER), true);

        assertThat(ecs.mutatingCalls()).containsExactly("TagResource demo-cluster/web", "TagResource demo-cluster/api");
        assertThat(account.parameter(PARKED)).hasValue(MARKER);
        assertThat(account.parameter(SCHEDULER)).isEmpty();
        assertThat(step(report, "restore-services").detail()).startsWith("dry run, outside business hours")
                .contains("demo-cluster/api left asleep, scheduler remembers 3 (bounds 1..4)");
    }

    // ---- mutation triage (issue 15 item 7) ------------------------------------------------------------------

    @Test
    void withoutASnapshotTheServicesComeBackFromTheirTagsWithTheRest() {
        // A kill switch whose snapshot write failed: only the tags on each item record the prior state.
        parkedWithoutSnapshot();
        account.withTag("relay", "cost-guard:prior-reserved-concurrency", "none")
                .withTag(INSTANCE, "cost-guard:prior-state", "running")
                .withTag(DISTRIBUTION, "cost-guard:prior-enabled", "true");

        RunReport report = recover();

        assertThat(report.overallSuccess()).as(report.summary()).isTrue();
        assertThat(ecs.desired(CLUSTER, "web")).isEqualTo(2);
        assertThat(ecs.desired(CLUSTER, "api")).isEqualTo(3);
        assertThat(ecs.target(CLUSTER, "api")).isEqualTo(new Capacity(1, 4));
        assertThat(ecs.tags(CLUSTER, "web")).isEmpty();
        assertThat(ecs.tags(CLUSTER, "api")).isEmpty();
        assertThat(account.priorTags()).isEmpty();
        assertThat(account.parameter(PARKED)).isEmpty();
        assertThat(step(report, "assess").detail()).contains("2 ECS service(s) to restore");
    }

    @Test
    void whenNoServiceSizeIsKnownAnywhereAllStayParkedAreNamedAndTheSnapshotIsKept() {
        parked(List.of(ServiceCapacity.unknown(CLUSTER, "web", null, null, "DescribeServices timed out"),
                ServiceCapacity.unknown(CLUSTER, "api", 0, 0, "found already at 0 with no size remembered")));
        ecs.removePriorTags(WEB.label(), ServicePriorTags.KEYS);
        ecs.removePriorTags(API.label(), ServicePriorTags.KEYS);

        RunReport report = recover();

        assertThat(ecs.desired(CLUSTER, "web")).isZero();
        assertThat(ecs.desired(CLUSTER, "api")).isZero();
        assertThat(step(report, "assess").detail()).endsWith("; 0 ECS service(s) to restore; size unknown, left parked:"
                + " service demo-cluster/web, service demo-cluster/api");
        assertThat(step(report, "restore-services").detail()).isEqualTo("no ECS service to restore; services with an"
                + " unknown size left parked (see unknown-items)");
        assertThat(step(report, "unknown-items").items()).extracting(StepResult::name)
                .containsExactly("service demo-cluster/web", "service demo-cluster/api");
        assertThat(report.overallSuccess()).isFalse();
        assertThat(account.parameter(SNAPSHOT)).isPresent();
    }

    @Test
    void theServicesStepPointsToTheUnknownItemsOnlyWhenAServiceIsUnknown() {
        parked();

        RunReport report = recover();

        assertThat(step(report, "restore-services").detail()).startsWith("2 ECS service(s), inside business hours")
                .doesNotContain("unknown");
    }

    @Test
    void outsideBusinessHoursAServiceThatWasAsleepKeepsTheSizeTheSchedulerRemembers() {
        // web was at 0 when it was parked (the scheduler had put it to sleep); the scheduler remembers it at 2.
        parked(List.of(new ServiceCapacity(CLUSTER, "web", 0, null, null), new ServiceCapacity(CLUSTER, "api", 3, 1, 4)));
        account.withParameter(SCHEDULER, SnapshotCodec.encode(new Snapshot(Snapshot.CURRENT_VERSION, "ecs-scheduler",
                Instant.parse("2026-11-02T13:00:00Z"), "schedule", null, null, null, List.of(
                        new ServiceCapacity(CLUSTER, "web", 2, null, null), new ServiceCapacity(CLUSTER, "api", 1, 1, 4)))));
        time.set(NIGHT);

        RunReport report = recover();

        assertThat(report.overallSuccess()).as(report.summary()).isTrue();
        assertThat(scheduler().services()).containsExactly(new ServiceCapacity(CLUSTER, "web", 2, null, null),
                new ServiceCapacity(CLUSTER, "api", 3, 1, 4));
        assertThat(step(report, "restore-services").items()).extracting(StepResult::detail).containsExactly(
                "left asleep until the next scheduled start (it was at 0 before the kill switch)",
                "left asleep until the next scheduled start, which wakes it at 3 (bounds 1..4)");
        assertThat(step(report, "restore-services").detail())
                .contains("; the scheduler now remembers demo-cluster/api 3 (bounds 1..4) in " + SCHEDULER);
        assertThat(ecs.desired(CLUSTER, "web")).isZero();
        assertThat(ecs.desired(CLUSTER, "api")).isZero();
    }

    @Test
    void outsideBusinessHoursASchedulerThatAlreadyRemembersTheSizesIsNotRewritten() {
        parked();
        String remembered = SnapshotCodec.encode(new Snapshot(Snapshot.CURRENT_VERSION, "ecs-scheduler",
                Instant.parse("2026-11-02T13:00:00Z"), "schedule", null, null, null, List.of(
                        new ServiceCapacity(CLUSTER, "web", 2, null, null), new ServiceCapacity(CLUSTER, "api", 3, 1, 4))));
        account.withParameter(SCHEDULER, remembered);
        time.set(NIGHT);

        RunReport report = recover();

        assertThat(report.overallSuccess()).as(report.summary()).isTrue();
        assertThat(step(report, "restore-services").detail())
                .contains("; the scheduler's remembered sizes already match");
        assertThat(account.calls()).doesNotContain("PutParameter " + SCHEDULER);
        assertThat(account.parameter(SCHEDULER)).hasValue(remembered);
    }

    @Test
    void aServiceWokenWithItsTargetStillAsleepAndNoBoundsRecordedFailsAndKeepsEverythingForAPerson() {
        // api's bounds were not recorded: its 0..0 target would pull the count back to 0 at once.
        parked(List.of(new ServiceCapacity(CLUSTER, "web", 2, null, null), new ServiceCapacity(CLUSTER, "api", 3, null, null)));

        RunReport report = recover();

        StepResult services = step(report, "restore-services");
        assertThat(services.status()).isEqualTo(StepStatus.FAILED);
        assertThat(services.items()).filteredOn(i -> i.name().equals(API.label())).singleElement()
                .satisfies(api -> assertThat(api.detail()).isEqualTo("desired 0 → 3; scalable target still 0..0 and no"
                        + " bounds are recorded to restore: set its min/max capacity by hand"));
        assertThat(ecs.target(CLUSTER, "api")).isEqualTo(Capacity.ASLEEP);
        assertThat(ecs.tags(CLUSTER, "api")).isNotEmpty();
        assertThat(account.parameter(PARKED)).hasValue(MARKER);
        assertThat(account.parameter(SNAPSHOT)).isPresent();
    }

    @Test
    void aServiceAtZeroBeforeTheKillSwitchWithItsTargetAsleepStaysSoWithoutAFailure() {
        parked(List.of(new ServiceCapacity(CLUSTER, "web", 2, null, null), new ServiceCapacity(CLUSTER, "api", 0, null, null)));

        RunReport report = recover();

        assertThat(report.overallSuccess()).as(report.summary()).isTrue();
        assertThat(step(report, "restore-services").items()).extracting(StepResult::detail)
                .containsExactly("desired 0 → 2 (its recorded size)", "already at 0 (its recorded size)");
        assertThat(ecs.target(CLUSTER, "api")).isEqualTo(Capacity.ASLEEP);
        assertThat(ecs.mutatingCalls()).noneMatch(c -> c.startsWith("RegisterScalableTarget"));
    }

    @Test
    void aServiceWithoutRecordedBoundsWhoseTargetIsAwakeKeepsItsBoundsAndGetsItsCount() {
        parked(List.of(new ServiceCapacity(CLUSTER, "web", 2, null, null), new ServiceCapacity(CLUSTER, "api", 3, null, null)));
        ecs.withTarget(CLUSTER, "api", 1, 4);

        RunReport report = recover();

        assertThat(report.overallSuccess()).as(report.summary()).isTrue();
        assertThat(ecs.desired(CLUSTER, "api")).isEqualTo(3);
        assertThat(ecs.target(CLUSTER, "api")).isEqualTo(new Capacity(1, 4));
        assertThat(ecs.mutatingCalls()).noneMatch(c -> c.startsWith("RegisterScalableTarget"));
    }

    @Test
    void recordedBoundsFromZeroAndPinnedBoundsAreRestoredAsRecorded() {
        // 0..4 (may scale in to nothing) and 2..2 (pinned) are the services' own bounds, not a sleep.
        parked(List.of(new ServiceCapacity(CLUSTER, "web", 2, 2, 2), new ServiceCapacity(CLUSTER, "api", 3, 0, 4)));
        ecs.withTarget(CLUSTER, "web", 0, 0);

        RunReport report = recover();

        assertThat(report.overallSuccess()).as(report.summary()).isTrue();
        assertThat(ecs.target(CLUSTER, "web")).isEqualTo(new Capacity(2, 2));
        assertThat(ecs.target(CLUSTER, "api")).isEqualTo(new Capacity(0, 4));
        assertThat(ecs.desired(CLUSTER, "web")).isEqualTo(2);
        assertThat(ecs.desired(CLUSTER, "api")).isEqualTo(3);
    }
}
