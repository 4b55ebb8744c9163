package dev.costguard.shutdown;

import static dev.costguard.shutdown.ShutdownFixtures.ALERT;
import static dev.costguard.shutdown.ShutdownFixtures.PARKED;
import static dev.costguard.shutdown.ShutdownFixtures.SNAPSHOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.ports.ScalableTargets.Capacity;
import dev.costguard.core.ports.ServiceId;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.Snapshot.ServiceCapacity;
import dev.costguard.core.snapshot.SnapshotCodec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kill switch parks the estate: the marker first, the ECS services' sizes recorded (snapshot and tags), then 0. */
class ShutdownParksTheEstateTest {

    private static final String CLUSTER = "demo-cluster";
    private static final ServiceId WEB = new ServiceId(CLUSTER, "web");
    private static final ServiceId API = new ServiceId(CLUSTER, "api");

    private final ShutdownFixtures fx = new ShutdownFixtures();

    private ShutdownFixtures withServices() {
        fx.ecs.withService(CLUSTER, "web", 2).withService(CLUSTER, "api", 3).withTarget(CLUSTER, "api", 1, 4);
        return fx;
    }

    private RunReport budgetAlert() {
        return fx.flow(ShutdownFixtures.settings(List.of(WEB, API))).run(ShutdownRequest.fromSns(List.of(ALERT)));
    }

    private static StepResult step(RunReport report, String name) {
        return report.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private Snapshot snapshot() {
        return SnapshotCodec.decode(fx.account.parameter(SNAPSHOT).orElseThrow());
    }

    @Test
    void theEstateIsMarkedParkedBeforeAnythingChanges() {
        withServices();
        Instant fired = fx.time.instant();

        RunReport report = budgetAlert();

        assertThat(report.steps().get(1).name()).isEqualTo("mark-parked");
        assertThat(step(report, "mark-parked").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(fx.account.parameter(PARKED)).hasValue("{\"parked_since\":\"" + fired + "\",\"trigger\":\"budget-alert\"}");
        assertThat(fx.account.mutatingCalls().get(0)).isEqualTo("PutParameter " + PARKED);
    }

    @Test
    void aRetriedRunKeepsTheFirstRunsMarkerAndItsTime() {
        withServices();
        budgetAlert();
        String first = fx.account.parameter(PARKED).orElseThrow();
        fx.time.advance(java.time.Duration.ofMinutes(3));

        RunReport retry = budgetAlert();

        assertThat(fx.account.parameter(PARKED)).hasValue(first);
        assertThat(step(retry, "mark-parked").detail()).isEqualTo("already parked (SSM parameter " + PARKED
                + ", written by an earlier run): kept");
    }

    @Test
    void aMarkerThatCannotBeWrittenFailsItsPhaseAndEverythingElseStillStops() {
        withServices();
        fx.account.failing("PutParameter " + PARKED);

        RunReport report = budgetAlert();

        assertThat(step(report, "mark-parked").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, "mark-parked").detail()).startsWith("the parked marker was NOT written in SSM parameter "
                + PARKED).contains("the ECS scheduler may start services");
        assertThat(ShutdownFlow.needsRetry(report)).isTrue();
        assertThat(fx.account.distributionEnabled()).isFalse();
        assertThat(fx.ecs.desired(CLUSTER, "web")).isZero();
    }

    @Test
    void theEcsServicesSizesAndBoundsAreRecordedInTheSnapshotAndOnTheServicesThenParkedAtZero() {
        withServices();

        RunReport report = budgetAlert();

        assertThat(report.overallSuccess()).isTrue();
        assertThat(snapshot().services()).containsExactly(new ServiceCapacity(CLUSTER, "web", 2, null, null),
                new ServiceCapacity(CLUSTER, "api", 3, 1, 4));
        assertThat(step(report, "snapshot").detail()).contains(", 2 of 2 ECS service(s)");
        assertThat(step(report, "snapshot").items()).filteredOn(i -> i.name().startsWith(CLUSTER))
                .extracting(StepResult::name, StepResult::detail).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("demo-cluster/web", "desired 2, no scalable target, kept on"
                                + " the service as tags"),
                        org.assertj.core.groups.Tuple.tuple("demo-cluster/api", "desired 3, bounds 1..4, kept on the"
                                + " service as tags"));
        assertThat(fx.ecs.tags(CLUSTER, "web")).containsEntry("cost-guard:prior-desired-count", "2")
                .containsEntry("cost-guard:prior-min-capacity", "none");
        assertThat(fx.ecs.tags(CLUSTER, "api")).containsEntry("cost-guard:prior-desired-count", "3")
                .containsEntry("cost-guard:prior-min-capacity", "1").containsEntry("cost-guard:prior-max-capacity", "4");
        assertThat(fx.ecs.desired(CLUSTER, "web")).isZero();
        assertThat(fx.ecs.desired(CLUSTER, "api")).isZero();
        assertThat(fx.ecs.target(CLUSTER, "api")).isEqualTo(Capacity.ASLEEP);
        assertThat(step(report, "park-services").items()).extracting(StepResult::detail)
                .containsExactly("desired 2 → 0", "scalable target 1..4 → 0..0, desired 3 → 0");
        // Bounds before the count, and both only after the size was kept on the service.
        assertThat(fx.ecs.callsFor(CLUSTER, "api")).containsSubsequence("TagResource demo-cluster/api",
                "RegisterScalableTarget demo-cluster/api", "UpdateService demo-cluster/api");
    }

    @Test
    void aRetryAfterALostSnapshotTakesTheSizeFromTheTagsNeverTheParkedZero() {
        withServices();
        fx.account.failing("PutParameter " + SNAPSHOT);
        RunReport first = budgetAlert();
        assertThat(fx.account.parameter(SNAPSHOT)).isEmpty();
        assertThat(ShutdownFlow.needsRetry(first)).isTrue();
        fx.account.healing("PutParameter " + SNAPSHOT);

        RunReport retry = budgetAlert();

        assertThat(snapshot().services()).containsExactly(new ServiceCapacity(CLUSTER, "web", 2, null, null),
                new ServiceCapacity(CLUSTER, "api", 3, 1, 4));
        assertThat(step(retry, "snapshot").items()).filteredOn(i -> i.name().equals("demo-cluster/api"))
                .singleElement().satisfies(item -> assertThat(item.detail())
                        .startsWith("desired 3, bounds 1..4 from its cost-guard:prior-desired-count tags, recorded"));
        assertThat(step(retry, "park-services").items()).extracting(StepResult::detail)
                .containsExactly("already at 0", "already at 0");
    }

    @Test
    void aRetryThatCannotReadAParkedServicesTagsNeverRecordsTheZeroItLeftAsTheServicesSize() {
        // Run 1 kept the sizes on the services and parked them, but saved no snapshot.
        withServices();
        fx.account.failing("PutParameter " + SNAPSHOT);
        budgetAlert();
        assertThat(fx.ecs.desired(CLUSTER, "api")).isZero();
        fx.account.healing("PutParameter " + SNAPSHOT);
        fx.ecs.failing("ListTagsForResource demo-cluster/api");

        RunReport retry = budgetAlert();

        // Recovery trusts a known size in the snapshot before the tags: a recorded 0 would keep the service at 0.
        ServiceCapacity api = snapshot().services().get(1);
        assertThat(api.known()).isFalse();
        assertThat(api.unknown()).isEqualTo("now desired 0, bounds 0..0, which may be an earlier run's parking: its tags"
                + " could not be read (ListTagsForResource demo-cluster/api failed: ServerException (HTTP 500): injected"
                + " failure), so its size is unknown here and left to its tags");
        assertThat(fx.ecs.tags(CLUSTER, "api")).containsEntry("cost-guard:prior-desired-count", "3")
                .containsEntry("cost-guard:prior-min-capacity", "1").containsEntry("cost-guard:prior-max-capacity", "4");
        assertThat(snapshot().services().get(0)).isEqualTo(new ServiceCapacity(CLUSTER, "web", 2, null, null));
        assertThat(step(retry, "snapshot").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(retry, "snapshot").items()).filteredOn(i -> i.name().equals("demo-cluster/api")).singleElement()
                .satisfies(item -> {
                    assertThat(item.status()).isEqualTo(StepStatus.FAILED);
                    assertThat(item.detail()).isEqualTo(api.unknown());
                });
        assertThat(retry.summary()).contains("Prior state unknown for demo-cluster/api");
    }

    @Test
    void aRunningServiceWhoseTagsCannotBeReadIsRecordedFromItsSizeNowAndStillParked() {
        withServices();
        fx.ecs.failing("ListTagsForResource demo-cluster/api");

        RunReport report = budgetAlert();

        // 3 tasks and bounds 1..4 are nothing the kill switch leaves behind: they are the service's own.
        assertThat(snapshot().services().get(1)).isEqualTo(new ServiceCapacity(CLUSTER, "api", 3, 1, 4));
        assertThat(step(report, "snapshot").items()).filteredOn(i -> i.name().equals("demo-cluster/api")).singleElement()
                .satisfies(item -> {
                    assertThat(item.status()).isEqualTo(StepStatus.FAILED);
                    assertThat(item.detail()).isEqualTo("desired 3, bounds 1..4; its tags could not be read "
                            + "(ListTagsForResource demo-cluster/api failed: ServerException (HTTP 500): injected failure),"
                            + " so none were written: the snapshot is its only record");
                });
        assertThat(fx.ecs.calls()).doesNotContain("TagResource demo-cluster/api");
        assertThat(fx.ecs.desired(CLUSTER, "api")).isZero();
        assertThat(fx.ecs.target(CLUSTER, "api")).isEqualTo(Capacity.ASLEEP);
    }

    @Test
    void aServiceThatCannotBeReadIsRecordedAsUnknownWithTheReasonAndTheOtherIsStillParked() {
        withServices();
        fx.ecs.failing("DescribeServices demo-cluster/web");

        RunReport report = budgetAlert();

        ServiceCapacity web = snapshot().services().get(0);
        assertThat(web.known()).isFalse();
        assertThat(web.unknown()).contains("DescribeServices demo-cluster/web failed");
        assertThat(report.summary()).contains("Prior state unknown for demo-cluster/web");
        assertThat(fx.ecs.desired(CLUSTER, "api")).isZero();
        assertThat(step(report, "park-services").items()).extracting(StepResult::status)
                .containsExactly(StepStatus.FAILED, StepStatus.SUCCEEDED);
    }

    @Test
    void aServiceWhoseTagsCannotBeWrittenIsStillRecordedAndParkedAndTheSnapshotPhaseSaysSo() {
        withServices();
        fx.ecs.failing("TagResource demo-cluster/api");

        RunReport report = budgetAlert();

        assertThat(snapshot().services().get(1)).isEqualTo(new ServiceCapacity(CLUSTER, "api", 3, 1, 4));
        assertThat(step(report, "snapshot").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, "snapshot").items()).filteredOn(i -> i.name().equals("demo-cluster/api")).singleElement()
                .satisfies(item -> assertThat(item.detail()).contains("tags NOT written")
                        .endsWith("the snapshot is its only record"));
        assertThat(fx.ecs.desired(CLUSTER, "api")).isZero();
    }

    @Test
    void aServiceWhoseSizeCanBeKeptNowhereIsLeftRunningSoARetryNeverTakesItsZeroForItsSize() {
        withServices();
        fx.account.failing("PutParameter " + SNAPSHOT);
        fx.ecs.failing("TagResource demo-cluster/api");

        RunReport report = budgetAlert();

        assertThat(fx.ecs.desired(CLUSTER, "api")).isEqualTo(3);
        assertThat(fx.ecs.target(CLUSTER, "api")).isEqualTo(new Capacity(1, 4));
        assertThat(fx.ecs.desired(CLUSTER, "web")).isZero();
        assertThat(step(report, "park-services").items().get(1).detail()).isEqualTo("NOT parked, left at desired 3, "
                + "bounds 1..4: its size is not in the snapshot and could not be kept on its tags (TagResource "
                + "demo-cluster/api failed: ServerException (HTTP 500): injected failure); a retry parks it once it is");
        assertThat(ShutdownFlow.needsRetry(report)).isTrue();

        fx.account.healing("PutParameter " + SNAPSHOT);
        fx.ecs.healing("TagResource demo-cluster/api");
        budgetAlert();

        assertThat(snapshot().services()).containsExactly(new ServiceCapacity(CLUSTER, "web", 2, null, null),
                new ServiceCapacity(CLUSTER, "api", 3, 1, 4));
        assertThat(fx.ecs.desired(CLUSTER, "api")).isZero();
    }

    @Test
    void oneServiceThatCannotBeParkedDoesNotKeepTheOtherRunning() {
        withServices();
        fx.ecs.failing("UpdateService demo-cluster/api");

        RunReport report = budgetAlert();

        assertThat(fx.ecs.desired(CLUSTER, "web")).isZero();
        assertThat(step(report, "park-services").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, "park-services").items().get(1).detail())
                .isEqualTo("scalable target 1..4 → 0..0; desired count NOT changed, still 3 (UpdateService "
                        + "demo-cluster/api failed: ServerException (HTTP 500): injected failure)");
    }

    @Test
    void aDryRunWritesNoMarkerNoTagAndParksNothing() {
        withServices();

        RunReport report = fx.flow(ShutdownFixtures.settings(List.of(WEB, API)))
                .run(ShutdownRequest.manual("drill", true));

        assertThat(fx.account.parameter(PARKED)).isEmpty();
        assertThat(fx.ecs.mutatingCalls()).isEmpty();
        assertThat(step(report, "mark-parked").status()).isEqualTo(StepStatus.SKIPPED);
        // What a real run would record, read now and said so.
        assertThat(step(report, "snapshot").items()).filteredOn(i -> i.name().startsWith(CLUSTER))
                .extracting(StepResult::detail).containsExactly("desired 2, no scalable target", "desired 3, bounds 1..4");
        assertThat(step(report, "park-services").detail()).isEqualTo("dry run: would park demo-cluster/web, "
                + "demo-cluster/api at 0 (bounds 0..0, then desired 0)");
    }

    @Test
    void withoutEcsServicesNothingOfEcsIsCalledAndTheSnapshotHasNoServicesSection() {
        RunReport report = fx.flow().run(ShutdownRequest.fromSns(List.of(ALERT)));

        assertThat(fx.ecs.calls()).isEmpty();
        assertThat(snapshot().services()).isNull();
        assertThat(step(report, "park-services").detail()).isEqualTo("no ECS service configured (COSTGUARD_ECS_SERVICES)");
    }
}
