package dev.costguard.ecsscheduler;

import static dev.costguard.ecsscheduler.EcsFixtures.API;
import static dev.costguard.ecsscheduler.EcsFixtures.CLUSTER;
import static dev.costguard.ecsscheduler.EcsFixtures.RESULT;
import static dev.costguard.ecsscheduler.EcsFixtures.SNAPSHOT;
import static dev.costguard.ecsscheduler.EcsFixtures.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.core.json.Json;
import dev.costguard.core.report.RunOutcome;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.ports.ScalableTargets.Capacity;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.Snapshot.ServiceCapacity;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EcsSchedulerFlowTest {

    /** Wednesday 2026-11-04 09:00 in Tokyo: an ordinary business morning. */
    private static final Instant WEDNESDAY_MORNING = Instant.parse("2026-11-04T00:00:00Z");
    /** Tuesday 2026-11-03 09:00 in Tokyo: Culture Day, a configured skip date. */
    private static final Instant HOLIDAY_MORNING = Instant.parse("2026-11-03T00:00:00Z");

    private final EcsFixtures fx = new EcsFixtures();

    private static StepResult step(RunReport report, String name) {
        return report.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static StepResult item(RunReport report, String step, ServiceId id) {
        return step(report, step).items().stream().filter(i -> i.name().equals(id.label())).findFirst().orElseThrow();
    }

    private RunReport morningStart(Trigger trigger) {
        fx.time.set(WEDNESDAY_MORNING);
        return fx.start(trigger);
    }

    // ---- stop -------------------------------------------------------------------------------------------

    @Test
    void stopRemembersTwoAndThreeThenSetsBothToZero() {
        fx.withServices(2, 3);

        RunReport report = fx.stop(Trigger.SCHEDULE);

        assertThat(report.steps()).extracting(StepResult::name).containsExactly("guard", "remember", "stop-services");
        assertThat(report.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(report.trigger()).isEqualTo("schedule");
        assertThat(fx.desired(WEB)).isZero();
        assertThat(fx.desired(API)).isZero();
        Snapshot snapshot = fx.snapshot();
        assertThat(snapshot.schemaVersion()).isEqualTo(Snapshot.CURRENT_VERSION);
        assertThat(snapshot.takenBy()).isEqualTo("ecs-scheduler");
        assertThat(snapshot.trigger()).isEqualTo("schedule");
        assertThat(snapshot.takenAt()).isBetween(EcsFixtures.MONDAY_NIGHT, fx.time.instant());
        assertThat(snapshot.services()).containsExactly(
                new ServiceCapacity(CLUSTER, WEB.service(), 2, null, null),
                new ServiceCapacity(CLUSTER, API.service(), 3, null, null));
        assertThat(snapshot.functions()).isNull();
        assertThat(item(report, "stop-services", WEB).detail()).isEqualTo("desired 2 → 0");
        assertThat(report.summary()).isEqualTo("Stop by the schedule: 2 of 2 ECS service(s) asleep at 0");
    }

    @Test
    void remembersBeforeScalingAnythingDownWithOneGetAndOnePut() {
        fx.withServices(2, 3);

        fx.stop(Trigger.SCHEDULE);

        List<String> calls = fx.ecs.calls();
        int put = calls.indexOf("PutParameter " + SNAPSHOT);
        assertThat(put).isPositive();
        assertThat(calls.subList(0, put)).noneMatch(c -> c.startsWith("UpdateService") || c.startsWith("Register"));
        assertThat(calls).filteredOn(c -> c.startsWith("UpdateService")).hasSize(2)
                .allMatch(c -> calls.indexOf(c) > put);
        assertThat(calls).filteredOn(c -> c.endsWith(SNAPSHOT))
                .containsExactly("GetParameter " + SNAPSHOT, "PutParameter " + SNAPSHOT);
    }

    @Test
    void startRestoresTwoAndThree() {
        fx.withServices(2, 3);
        fx.stop(Trigger.SCHEDULE);

        RunReport report = morningStart(Trigger.SCHEDULE);

        assertThat(report.steps()).extracting(StepResult::name).containsExactly("guard", "recall", "start-services");
        assertThat(report.overallSuccess()).isTrue();
        assertThat(fx.desired(WEB)).isEqualTo(2);
        assertThat(fx.desired(API)).isEqualTo(3);
        assertThat(item(report, "start-services", API).detail()).isEqualTo("desired 0 → 3 (remembered)");
        assertThat(report.summary()).isEqualTo("Start by the schedule: 2 of 2 ECS service(s) awake");
    }

    @Test
    void startKeepsTheRememberedSizesForTheNextNight() {
        fx.withServices(2, 3);
        fx.stop(Trigger.SCHEDULE);
        String remembered = fx.account.parameter(SNAPSHOT).orElseThrow();

        morningStart(Trigger.SCHEDULE);

        assertThat(fx.account.parameter(SNAPSHOT)).hasValue(remembered);
        assertThat(fx.ecs.calls()).filteredOn(c -> c.endsWith(SNAPSHOT)).containsExactly(
                "GetParameter " + SNAPSHOT, "PutParameter " + SNAPSHOT, "GetParameter " + SNAPSHOT);
    }

    @Test
    void stopTwiceInARowKeepsTwoAndThree() {
        fx.withServices(2, 3);
        fx.stop(Trigger.SCHEDULE);
        List<String> firstMutations = fx.ecs.mutatingCalls();

        RunReport second = fx.stop(Trigger.MANUAL);

        assertThat(second.overallSuccess()).isTrue();
        assertThat(fx.snapshot().services()).extracting(ServiceCapacity::desiredCount).containsExactly(2, 3);
        assertThat(fx.ecs.mutatingCalls()).isEqualTo(firstMutations);
        assertThat(item(second, "stop-services", WEB).detail()).isEqualTo("already at 0, keeps the remembered size 2");
        assertThat(step(second, "remember").detail()).startsWith("nothing new to remember");

        morningStart(Trigger.SCHEDULE);
        assertThat(fx.desired(WEB)).isEqualTo(2);
        assertThat(fx.desired(API)).isEqualTo(3);
    }

    @Test
    void aLaterStopRemembersTheRealSizeAgain() {
        fx.withServices(2, 3);
        fx.stop(Trigger.SCHEDULE);
        morningStart(Trigger.SCHEDULE);
        fx.ecs.withService(CLUSTER, WEB.service(), 5);

        fx.stop(Trigger.SCHEDULE);

        assertThat(fx.snapshot().services()).extracting(ServiceCapacity::desiredCount).containsExactly(5, 3);
    }

    // ---- start with nothing remembered ------------------------------------------------------------------

    @Test
    void startWithNothingRememberedUsesTheDefault() {
        fx.withServices(0, 0);

        RunReport report = morningStart(Trigger.SCHEDULE);

        assertThat(fx.desired(WEB)).isEqualTo(1);
        assertThat(fx.desired(API)).isEqualTo(1);
        assertThat(step(report, "recall").detail())
                .isEqualTo("nothing remembered in " + SNAPSHOT + "; every service starts at the default 1");
        assertThat(item(report, "start-services", WEB).detail()).isEqualTo("desired 0 → 1 (default)");
    }

    @Test
    void theDefaultCountIsConfigurable() {
        fx.withServices(0, 0);
        fx.time.set(WEDNESDAY_MORNING);

        fx.flow(EcsFixtures.settings(List.of(WEB, API), 2, false))
                .run(new EcsSchedulerRequest(Action.START, Trigger.MANUAL, false));

        assertThat(fx.desired(WEB)).isEqualTo(2);
        assertThat(fx.desired(API)).isEqualTo(2);
    }

    @Test
    void aServiceAlreadyRunningAtOrAboveItsCountIsLeftAlone() {
        fx.withServices(2, 3);
        fx.stop(Trigger.SCHEDULE);
        fx.ecs.withService(CLUSTER, WEB.service(), 4).withService(CLUSTER, API.service(), 3);
        int before = fx.ecs.mutatingCalls().size();

        RunReport report = morningStart(Trigger.MANUAL);

        assertThat(fx.desired(WEB)).isEqualTo(4);
        assertThat(fx.desired(API)).isEqualTo(3);
        assertThat(fx.ecs.mutatingCalls().subList(before, fx.ecs.mutatingCalls().size())).isEmpty();
        assertThat(item(report, "start-services", WEB).detail()).isEqualTo("already running 4 (≥ remembered 2): left alone");
        assertThat(item(report, "start-services", API).detail()).isEqualTo("already running 3 (≥ remembered 3): left alone");
    }

    // ---- skip dates -------------------------------------------------------------------------------------

    @Test
    void aScheduledStartOnASkipDateDoesNothingAndSaysSo() {
        fx.withServices(0, 0);
        fx.time.set(HOLIDAY_MORNING);

        RunReport report = fx.start(Trigger.SCHEDULE);

        assertThat(report.outcome()).isEqualTo(RunOutcome.SKIPPED);
        assertThat(report.overallSuccess()).isTrue();
        assertThat(report.steps()).singleElement().satisfies(guard -> {
            assertThat(guard.status()).isEqualTo(StepStatus.SKIPPED);
            assertThat(guard.detail()).isEqualTo("2026-11-03 (Asia/Tokyo) is a skip date (COSTGUARD_SKIP_DATES): "
                    + "the scheduled start does nothing; a manual start still works");
        });
        assertThat(fx.ecs.calls()).isEmpty();
        assertThat(fx.desired(WEB)).isZero();
        assertThat(fx.account.published()).singleElement().satisfies(p -> assertThat(p.subject()).contains("SKIPPED"));
        assertThat(fx.logLines()).hasSize(1);
    }

    @Test
    void aManualStartOnASkipDateStillStarts() {
        fx.withServices(0, 0);
        fx.time.set(HOLIDAY_MORNING);

        RunReport report = fx.start(Trigger.MANUAL);

        assertThat(report.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(fx.desired(WEB)).isEqualTo(1);
        assertThat(fx.desired(API)).isEqualTo(1);
    }

    @Test
    void aScheduledStopOnASkipDateStillStops() {
        fx.withServices(2, 3);
        fx.time.set(Instant.parse("2026-11-03T13:00:00Z"));

        fx.stop(Trigger.SCHEDULE);

        assertThat(fx.desired(WEB)).isZero();
        assertThat(fx.desired(API)).isZero();
    }

    @Test
    void todayIsTakenInTheConfiguredTimeZone() {
        fx.withServices(0, 0);
        // 2026-11-02 23:30 UTC is already the holiday in Tokyo.
        fx.time.set(Instant.parse("2026-11-02T23:30:00Z"));
        assertThat(fx.start(Trigger.SCHEDULE).outcome()).isEqualTo(RunOutcome.SKIPPED);
        // 2026-11-03 15:30 UTC is still the holiday in UTC but already the next day in Tokyo.
        fx.time.set(Instant.parse("2026-11-03T15:30:00Z"));
        assertThat(fx.start(Trigger.SCHEDULE).outcome()).isEqualTo(RunOutcome.SUCCEEDED);
    }

    // ---- scalable targets -------------------------------------------------------------------------------

    @Test
    void aServiceWithAScalableTargetIsStoppedToZeroZeroAndRestoredToOneFour() {
        fx.withServices(2, 3);
        fx.ecs.withTarget(CLUSTER, API.service(), 1, 4);

        RunReport stop = fx.stop(Trigger.SCHEDULE);

        assertThat(fx.ecs.target(CLUSTER, API.service())).isEqualTo(new Capacity(0, 0));
        assertThat(fx.desired(API)).isZero();
        assertThat(fx.snapshot().services()).contains(new ServiceCapacity(CLUSTER, API.service(), 3, 1, 4));
        assertThat(item(stop, "stop-services", API).detail()).isEqualTo("scalable target 1..4 → 0..0, desired 3 → 0");
        assertThat(fx.ecs.callsFor(CLUSTER, API.service())).filteredOn(c -> !c.startsWith("Describe"))
                .containsExactly("RegisterScalableTarget " + API.label(), "UpdateService " + API.label());

        RunReport start = morningStart(Trigger.SCHEDULE);

        assertThat(fx.ecs.target(CLUSTER, API.service())).isEqualTo(new Capacity(1, 4));
        assertThat(fx.desired(API)).isEqualTo(3);
        assertThat(item(start, "start-services", API).detail())
                .isEqualTo("scalable target 0..0 → 1..4, desired 0 → 3 (remembered)");
        assertThat(fx.ecs.callsFor(CLUSTER, API.service())).filteredOn(c -> !c.startsWith("Describe")).containsExactly(
                "RegisterScalableTarget " + API.label(), "UpdateService " + API.label(),
                "RegisterScalableTarget " + API.label(), "UpdateService " + API.label());
    }

    @Test
    void servicesWithoutAScalableTargetAreNeverRegistered() {
        fx.withServices(2, 3);
        fx.ecs.withTarget(CLUSTER, API.service(), 1, 4);

        fx.stop(Trigger.SCHEDULE);
        morningStart(Trigger.SCHEDULE);

        assertThat(fx.ecs.callsFor(CLUSTER, WEB.service())).noneMatch(c -> c.startsWith("RegisterScalableTarget"));
        assertThat(fx.ecs.target(CLUSTER, WEB.service())).isNull();
    }

    @Test
    void aStopInterruptedBetweenBoundsAndCountDoesNotForgetTheBounds() {
        fx.withServices(2, 3);
        fx.ecs.withTarget(CLUSTER, API.service(), 1, 4);
        fx.ecs.failing("UpdateService " + API.label());
        fx.stop(Trigger.SCHEDULE);
        // The bounds are 0..0 but the count is still 3: the next stop must keep 1..4, not remember 0..0.
        fx.ecs.healing("UpdateService " + API.label()).withService(CLUSTER, API.service(), 3);

        fx.stop(Trigger.SCHEDULE);
        morningStart(Trigger.SCHEDULE);

        assertThat(fx.ecs.target(CLUSTER, API.service())).isEqualTo(new Capacity(1, 4));
        assertThat(fx.desired(API)).isEqualTo(3);
    }

    @Test
    void aTargetAsleepWithNoRememberedBoundsFailsThatServiceOnly() {
        fx.withServices(0, 0);
        fx.ecs.withTarget(CLUSTER, API.service(), 0, 0);

        RunReport report = morningStart(Trigger.SCHEDULE);

        assertThat(item(report, "start-services", API).status()).isEqualTo(StepStatus.FAILED);
        assertThat(item(report, "start-services", API).detail()).isEqualTo("not started: its scalable target is 0..0 "
                + "and no bounds are remembered to restore; set its min/max capacity by hand");
        assertThat(fx.desired(API)).isZero();
        assertThat(fx.desired(WEB)).isEqualTo(1);
    }

    // ---- failures ---------------------------------------------------------------------------------------

    @Test
    void oneServiceFailingToStopDoesNotStopTheOther() {
        fx.withServices(2, 3);
        fx.ecs.failing("UpdateService " + WEB.label());

        RunReport report = fx.stop(Trigger.SCHEDULE);

        StepResult stop = step(report, "stop-services");
        assertThat(stop.status()).isEqualTo(StepStatus.FAILED);
        assertThat(stop.items()).extracting(StepResult::name, StepResult::status).containsExactly(
                tuple(WEB.label(), StepStatus.FAILED), tuple(API.label(), StepStatus.SUCCEEDED));
        assertThat(stop.items().get(0).detail()).contains("UpdateService " + WEB.label(), "injected failure");
        assertThat(fx.desired(WEB)).isEqualTo(2);
        assertThat(fx.desired(API)).isZero();
        // The entry of the service that failed to stop stays, so a later stop or start still knows its size.
        assertThat(fx.snapshot().services()).extracting(ServiceCapacity::desiredCount).containsExactly(2, 3);
        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(report.summary()).isEqualTo("Stop by the schedule: 1 of 2 ECS service(s) asleep at 0; failed: "
                + WEB.label());
        assertThat(fx.account.published()).singleElement().satisfies(p -> assertThat(p.subject()).contains("FAILED"));
    }

    @Test
    void oneServiceFailingToStartDoesNotStopTheOther() {
        fx.withServices(2, 3);
        fx.stop(Trigger.SCHEDULE);
        fx.ecs.failing("UpdateService " + API.label());

        RunReport report = morningStart(Trigger.SCHEDULE);

        assertThat(step(report, "start-services").items()).extracting(StepResult::status)
                .containsExactly(StepStatus.SUCCEEDED, StepStatus.FAILED);
        assertThat(fx.desired(WEB)).isEqualTo(2);
        assertThat(report.overallSuccess()).isFalse();
    }

    @Test
    void aServiceThatCannotBeReadIsNotStoppedAndKeepsItsEarlierEntry() {
        fx.withServices(2, 3);
        fx.stop(Trigger.SCHEDULE);
        fx.ecs.withService(CLUSTER, WEB.service(), 5).withService(CLUSTER, API.service(), 4);
        fx.ecs.failing("DescribeServices " + WEB.label());

        RunReport report = fx.stop(Trigger.SCHEDULE);

        assertThat(item(report, "stop-services", WEB).status()).isEqualTo(StepStatus.FAILED);
        assertThat(item(report, "stop-services", WEB).detail())
                .startsWith("not stopped: DescribeServices " + WEB.label() + " failed");
        assertThat(fx.desired(WEB)).isEqualTo(5);
        assertThat(fx.desired(API)).isZero();
        assertThat(fx.snapshot().services()).extracting(ServiceCapacity::desiredCount).containsExactly(2, 4);
    }

    @Test
    void whenTheSizesCannotBeRememberedNothingIsStopped() {
        fx.withServices(2, 3);
        fx.account.failing("PutParameter");

        RunReport report = fx.stop(Trigger.SCHEDULE);

        assertThat(step(report, "remember").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, "stop-services").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(step(report, "stop-services").detail())
                .isEqualTo("not run: the sizes could not be remembered, so every service was left as it is");
        assertThat(fx.ecs.mutatingCalls()).isEmpty();
        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
    }

    @Test
    void refusesToOverwriteASnapshotOfAnUnknownSchemaVersion() {
        String future = "{\"schemaVersion\":3,\"takenBy\":\"ecs-scheduler\",\"services\":[]}";
        fx.account.withParameter(SNAPSHOT, future);
        fx.withServices(2, 3);

        RunReport stop = fx.stop(Trigger.SCHEDULE);

        assertThat(step(stop, "remember").detail()).isEqualTo(SNAPSHOT + " holds a snapshot this build cannot read "
                + "(the snapshot has schemaVersion 3 but this build reads only 1 and 2); left untouched");
        assertThat(fx.account.parameter(SNAPSHOT)).hasValue(future);
        assertThat(fx.ecs.mutatingCalls()).isEmpty();

        fx.ecs.withService(CLUSTER, WEB.service(), 0);
        RunReport start = morningStart(Trigger.SCHEDULE);
        assertThat(step(start, "recall").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(start, "recall").detail()).endsWith("; every service starts at the default 1");
        assertThat(fx.desired(WEB)).isEqualTo(1);
        assertThat(fx.account.parameter(SNAPSHOT)).hasValue(future);
    }

    @Test
    void refusesASnapshotThatAnotherFunctionWrote() {
        String killSwitch = "{\"schemaVersion\":1,\"takenBy\":\"shutdown\",\"functions\":[]}";
        fx.account.withParameter(SNAPSHOT, killSwitch);
        fx.withServices(2, 3);

        RunReport stop = fx.stop(Trigger.SCHEDULE);

        assertThat(step(stop, "remember").detail()).contains("taken by 'shutdown'", "left untouched");
        assertThat(fx.account.parameter(SNAPSHOT)).hasValue(killSwitch);
        assertThat(fx.desired(WEB)).isEqualTo(2);
    }

    @Test
    void aFailedReadOfTheParameterStillStartsAtTheDefault() {
        fx.withServices(0, 0);
        fx.account.failing("GetParameter");

        RunReport report = morningStart(Trigger.SCHEDULE);

        assertThat(step(report, "recall").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, "recall").detail()).contains("GetParameter " + SNAPSHOT, "default 1");
        assertThat(fx.desired(WEB)).isEqualTo(1);
        assertThat(report.summary()).isEqualTo("Start by the schedule: 2 of 2 ECS service(s) awake; step(s) failed: recall");
    }

    // ---- dry run ----------------------------------------------------------------------------------------

    @Test
    void aDryRunStopChangesNothingAndSaysWhatItWouldDo() {
        fx.withServices(2, 3);
        fx.ecs.withTarget(CLUSTER, API.service(), 1, 4);

        RunReport report = fx.flow().run(new EcsSchedulerRequest(Action.STOP, Trigger.MANUAL, true));

        assertThat(report.dryRun()).isTrue();
        assertThat(report.outcome()).isEqualTo(RunOutcome.SKIPPED);
        assertThat(fx.ecs.mutatingCalls()).isEmpty();
        assertThat(fx.account.parameter(SNAPSHOT)).isEmpty();
        assertThat(step(report, "remember").detail()).isEqualTo("dry run: would remember " + WEB.label() + " 2, "
                + API.label() + " 3 (bounds 1..4) in " + SNAPSHOT);
        assertThat(item(report, "stop-services", API).status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(item(report, "stop-services", API).detail())
                .isEqualTo("dry run: would set scalable target 1..4 → 0..0, would set desired 3 → 0");
        assertThat(report.summary()).isEqualTo("Dry run of stop by hand: nothing was changed");
    }

    @Test
    void theDryRunSettingOverridesARealRequest() {
        fx.withServices(2, 3);
        fx.stop(Trigger.SCHEDULE);
        List<String> before = fx.ecs.mutatingCalls();
        fx.time.set(WEDNESDAY_MORNING);

        RunReport report = fx.flow(EcsFixtures.settings(List.of(WEB, API), 1, true))
                .run(new EcsSchedulerRequest(Action.START, Trigger.SCHEDULE, false));

        assertThat(report.dryRun()).isTrue();
        assertThat(fx.ecs.mutatingCalls()).isEqualTo(before);
        assertThat(item(report, "start-services", WEB).detail()).isEqualTo("dry run: would set desired 0 → 2 (remembered)");
    }

    // ---- reporting --------------------------------------------------------------------------------------

    @Test
    void theRunIsPublishedAndLoggedOnceAsJson() throws Exception {
        fx.withServices(2, 3);

        fx.stop(Trigger.SCHEDULE);

        assertThat(fx.account.published()).singleElement().satisfies(p -> {
            assertThat(p.topicArn()).isEqualTo(RESULT);
            assertThat(p.subject()).isEqualTo("Cost Guard ecs-scheduler: SUCCEEDED");
        });
        assertThat(fx.logLines()).hasSize(1);
        JsonNode line = Json.MAPPER.readTree(fx.logLines().get(0));
        assertThat(line.at("/event").asText()).isEqualTo("run_report");
        assertThat(line.at("/report/function").asText()).isEqualTo("ecs-scheduler");
        assertThat(line.at("/report/overall_success").asBoolean()).isTrue();
        assertThat(line.at("/report/steps/2/items/1/name").asText()).isEqualTo(API.label());
        assertThat(line.at("/report/notification/status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void withoutAResultTopicTheReportIsOnlyLogged() {
        fx.withServices(2, 3);
        EcsSchedulerSettings quiet = new EcsSchedulerSettings(List.of(WEB, API), SNAPSHOT, 1, List.of(),
                java.time.ZoneId.of("Asia/Tokyo"), Optional.empty(), false);

        RunReport report = fx.flow(quiet).run(new EcsSchedulerRequest(Action.STOP, Trigger.MANUAL, false));

        assertThat(report.notification()).isNull();
        assertThat(fx.account.published()).isEmpty();
        assertThat(fx.logLines()).hasSize(1);
    }

    @Test
    void anyNumberOfServicesGetOneResultEach() {
        List<ServiceId> many = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ServiceId id = new ServiceId("cluster-" + (i % 3), "svc-" + i);
            many.add(id);
            fx.ecs.withService(id.cluster(), id.service(), i + 1);
        }

        RunReport report = fx.flow(EcsFixtures.settings(many, 1, false))
                .run(new EcsSchedulerRequest(Action.STOP, Trigger.SCHEDULE, false));

        assertThat(step(report, "stop-services").items()).extracting(StepResult::name)
                .containsExactlyElementsOf(many.stream().map(ServiceId::label).toList());
        assertThat(many).allSatisfy(id -> assertThat(fx.desired(id)).isZero());
        assertThat(fx.snapshot().services()).extracting(ServiceCapacity::desiredCount)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
}
