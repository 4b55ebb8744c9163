package dev.costguard.ecsscheduler;

import dev.costguard.core.ports.ServiceId;
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
import dev.costguard.core.time.Deadline;
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
        // Every size is known, so the recall names no fallback to the default.
        assertThat(step(report, "recall").detail()).isEqualTo("remembered " + WEB.label() + " 2, " + API.label()
                + " 3 in " + SNAPSHOT);
    }

    @Test
    void theGuardSaysWhatWasAskedByWhomAndForHowManyServices() {
        fx.withServices(2, 3);

        RunReport stop = fx.stop(Trigger.SCHEDULE);
        fx.time.set(WEDNESDAY_MORNING);
        RunReport start = fx.flow().run(new EcsSchedulerRequest(Action.START, Trigger.MANUAL, true));

        assertThat(step(stop, "guard").detail()).isEqualTo("stop requested by the schedule for 2 service(s)");
        assertThat(step(start, "guard").detail()).isEqualTo("start requested by hand for 2 service(s) (dry run)");
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
        assertThat(fx.logLines()).hasSize(2);
        assertThat(fx.logLines().get(0)).contains("\"event\":\"run_report\"");
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
                .isEqualTo("desired 0 → 3 (remembered), scalable target 0..0 → 1..4");
        // Stop: bounds, then count. Start: count, then bounds (see the next test for why).
        assertThat(fx.ecs.callsFor(CLUSTER, API.service())).filteredOn(c -> !c.startsWith("Describe")).containsExactly(
                "RegisterScalableTarget " + API.label(), "UpdateService " + API.label(),
                "UpdateService " + API.label(), "RegisterScalableTarget " + API.label());
    }

    @Test
    void aSecondStopLeavesBoundsAlreadyAtZeroZeroAlone() {
        fx.withServices(2, 3);
        fx.ecs.withTarget(CLUSTER, API.service(), 1, 4);
        fx.stop(Trigger.SCHEDULE);
        List<String> firstMutations = fx.ecs.mutatingCalls();

        RunReport second = fx.stop(Trigger.SCHEDULE);

        assertThat(fx.ecs.mutatingCalls()).isEqualTo(firstMutations);
        assertThat(item(second, "stop-services", API).detail()).isEqualTo("already at 0, keeps the remembered size 3");
        assertThat(fx.snapshot().services()).contains(new ServiceCapacity(CLUSTER, API.service(), 3, 1, 4));
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
        assertThat(step(start, "recall").detail()).endsWith("; nothing was started, so no service runs at a size "
                + "that is not its own");
        assertThat(fx.desired(WEB)).isZero();
        assertThat(fx.ecs.mutatingCalls()).isEmpty();
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
    void aFailedReadOfTheParameterStartsNothingAndSaysWhy() {
        fx.withServices(2, 3);
        fx.ecs.withTarget(CLUSTER, API.service(), 1, 4);
        fx.stop(Trigger.SCHEDULE);
        List<String> mutationsOfTheStop = fx.ecs.mutatingCalls();
        fx.account.failing("GetParameter " + SNAPSHOT);

        RunReport report = morningStart(Trigger.SCHEDULE);

        assertThat(step(report, "recall").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, "recall").detail()).isEqualTo("GetParameter " + SNAPSHOT + " failed: InternalFailure "
                + "(HTTP 500): injected failure; nothing was started, so no service runs at a size that is not its own");
        assertThat(step(report, "start-services").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(step(report, "start-services").detail()).isEqualTo("not run: the remembered sizes could not be "
                + "read, so every service was left as it is; start them by hand or re-run the start");
        assertThat(fx.ecs.mutatingCalls()).isEqualTo(mutationsOfTheStop);
        assertThat(fx.desired(WEB)).isZero();
        assertThat(fx.ecs.target(CLUSTER, API.service())).isEqualTo(Capacity.ASLEEP);
        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(report.summary()).isEqualTo("Start by the schedule: no service was changed (not run: the remembered "
                + "sizes could not be read, so every service was left as it is; start them by hand or re-run the "
                + "start); step(s) failed: recall");
    }

    @Test
    void theIssueSevenSequenceNeverLosesTheRealSize() {
        // Observed on the old code: a failed read at start woke web at the default 1 and the next stop remembered
        // 1, so its real size 2 was gone for good.
        fx.withServices(2, 3);
        fx.ecs.withTarget(CLUSTER, API.service(), 1, 4);
        fx.stop(Trigger.SCHEDULE);
        fx.account.failing("GetParameter");
        morningStart(Trigger.SCHEDULE);
        fx.account.healing("GetParameter");

        fx.stop(Trigger.SCHEDULE);
        RunReport start = morningStart(Trigger.MANUAL);

        assertThat(fx.snapshot().services()).containsExactly(
                new ServiceCapacity(CLUSTER, WEB.service(), 2, null, null),
                new ServiceCapacity(CLUSTER, API.service(), 3, 1, 4));
        assertThat(start.overallSuccess()).isTrue();
        assertThat(fx.desired(WEB)).isEqualTo(2);
        assertThat(fx.desired(API)).isEqualTo(3);
        assertThat(fx.ecs.target(CLUSTER, API.service())).isEqualTo(new Capacity(1, 4));
    }

    @Test
    void aFailingBoundsCallOnStopStillPutsTheServiceToZeroAndSaysTheBoundsWereNotChanged() {
        fx.withServices(2, 3);
        fx.ecs.withTarget(CLUSTER, API.service(), 1, 4);
        fx.ecs.failing("RegisterScalableTarget " + API.label());

        RunReport report = fx.stop(Trigger.SCHEDULE);

        assertThat(fx.desired(API)).isZero();
        assertThat(fx.ecs.target(CLUSTER, API.service())).isEqualTo(new Capacity(1, 4));
        StepResult api = item(report, "stop-services", API);
        assertThat(api.status()).isEqualTo(StepStatus.FAILED);
        assertThat(api.detail()).isEqualTo("desired 3 → 0; scalable target NOT changed, still 1..4 "
                + "(RegisterScalableTarget " + API.label() + " failed: ServerException (HTTP 500): injected failure): "
                + "Application Auto Scaling may scale the service back up; set its min/max capacity to 0..0 by hand "
                + "or run the stop again");
        assertThat(item(report, "stop-services", WEB).status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(report.summary()).isEqualTo("Stop by the schedule: 1 of 2 ECS service(s) asleep at 0; failed: "
                + API.label());

        // The next morning the bounds are still up; the count comes back to its own size.
        fx.ecs.healing("RegisterScalableTarget " + API.label());
        morningStart(Trigger.SCHEDULE);
        assertThat(fx.desired(API)).isEqualTo(3);
        assertThat(fx.ecs.target(CLUSTER, API.service())).isEqualTo(new Capacity(1, 4));
    }

    @Test
    void aStartWhoseCountCallFailsLeavesTheBoundsAsleepSoNoScalerSetSizeIsRememberedLater() {
        fx.withServices(2, 3);
        fx.ecs.withTarget(CLUSTER, API.service(), 1, 4);
        fx.stop(Trigger.SCHEDULE);
        fx.ecs.failing("UpdateService " + API.label());

        RunReport start = morningStart(Trigger.SCHEDULE);

        // Bounds registered first would have had Application Auto Scaling raise the count to the minimum 1.
        assertThat(item(start, "start-services", API).status()).isEqualTo(StepStatus.FAILED);
        assertThat(fx.ecs.target(CLUSTER, API.service())).isEqualTo(Capacity.ASLEEP);
        assertThat(fx.desired(API)).isZero();
        fx.ecs.healing("UpdateService " + API.label());
        fx.stop(Trigger.SCHEDULE);
        assertThat(fx.snapshot().services()).contains(new ServiceCapacity(CLUSTER, API.service(), 3, 1, 4));
    }

    @Test
    void aFailingBoundsCallOnStartLeavesTheServiceAtItsSizeAndSaysSo() {
        fx.withServices(2, 3);
        fx.ecs.withTarget(CLUSTER, API.service(), 1, 4);
        fx.stop(Trigger.SCHEDULE);
        fx.ecs.failing("RegisterScalableTarget " + API.label());

        RunReport start = morningStart(Trigger.SCHEDULE);

        assertThat(fx.desired(API)).isEqualTo(3);
        assertThat(item(start, "start-services", API).status()).isEqualTo(StepStatus.FAILED);
        assertThat(item(start, "start-services", API).detail()).startsWith("desired 0 → 3 (remembered); scalable "
                + "target NOT changed, still 0..0 (RegisterScalableTarget " + API.label() + " failed")
                .endsWith("Application Auto Scaling may scale the service back to 0; set its min/max capacity to 1..4 "
                        + "by hand or run the start again");
    }

    @Test
    void aServiceAtZeroWithNoRememberedSizeIsRecordedAsUnknownAndTheDefaultNeverBecomesItsSize() {
        fx.withServices(0, 3);

        RunReport stop = fx.stop(Trigger.SCHEDULE);

        ServiceCapacity web = fx.snapshot().services().get(0);
        assertThat(web.desiredCount()).isNull();
        assertThat(web.unknown()).isEqualTo("found already at 0 with no size remembered");
        assertThat(item(stop, "stop-services", WEB).detail())
                .isEqualTo("already at 0, its own size is not known: a start will use the default 1");
        assertThat(step(stop, "remember").detail()).contains(WEB.label() + " unknown");

        RunReport start = morningStart(Trigger.SCHEDULE);
        assertThat(fx.desired(WEB)).isEqualTo(1);
        assertThat(item(start, "start-services", WEB).detail()).isEqualTo("desired 0 → 1 (default)");
        assertThat(step(start, "recall").detail()).endsWith("; services of unknown size start at the default 1");

        fx.stop(Trigger.SCHEDULE);
        web = fx.snapshot().services().get(0);
        assertThat(web.desiredCount()).as("the default the start set is not web's own size").isNull();
        assertThat(web.unknown()).startsWith("running at 1, the default count a start gives a service of unknown size");

        // Someone sizes it by hand during the day: that is its own size, and the next stop remembers it.
        morningStart(Trigger.SCHEDULE);
        fx.ecs.withService(CLUSTER, WEB.service(), 4);
        fx.stop(Trigger.SCHEDULE);
        assertThat(fx.snapshot().services().get(0)).isEqualTo(new ServiceCapacity(CLUSTER, WEB.service(), 4, null, null));
    }

    @Test
    void aStopDropsTheEntriesOfServicesNoLongerConfigured() {
        fx.withServices(2, 3);
        fx.stop(Trigger.SCHEDULE);
        morningStart(Trigger.SCHEDULE);
        fx.time.set(EcsFixtures.MONDAY_NIGHT.plus(java.time.Duration.ofDays(3)));

        RunReport stop = fx.flow(EcsFixtures.settings(List.of(WEB), 1, false))
                .run(new EcsSchedulerRequest(Action.STOP, Trigger.SCHEDULE, false));

        assertThat(fx.snapshot().services()).containsExactly(new ServiceCapacity(CLUSTER, WEB.service(), 2, null, null));
        assertThat(step(stop, "remember").detail()).endsWith("; dropped the entries of " + API.label()
                + " (no longer configured) in " + SNAPSHOT);
    }

    @Test
    void aSnapshotNoParameterCanHoldFailsLoudlyAndNothingIsStopped() {
        List<ServiceId> many = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 400; i++) {
            ServiceId id = new ServiceId("cluster-" + Long.toHexString(random.nextLong()),
                    "svc-" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
            many.add(id);
            fx.ecs.withService(id.cluster(), id.service(), 2 + random.nextInt(50));
        }

        RunReport report = fx.flow(EcsFixtures.settings(many, 1, false))
                .run(new EcsSchedulerRequest(Action.STOP, Trigger.SCHEDULE, false));

        assertThat(step(report, "remember").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, "remember").detail()).startsWith("the sizes were NOT saved: the snapshot is ")
                .contains("an SSM parameter holds at most 8192");
        assertThat(step(report, "stop-services").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(fx.ecs.mutatingCalls()).isEmpty();
        assertThat(fx.account.parameter(SNAPSHOT)).isEmpty();
    }

    @Test
    void aLargeSnapshotIsStoredCompressedAndReadBack() {
        List<ServiceId> many = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ServiceId id = new ServiceId("bookmark-manager-staging-cluster", "bookmark-manager-staging-svc-" + i);
            many.add(id);
            fx.ecs.withService(id.cluster(), id.service(), 2 + i);
        }
        EcsSchedulerFlow flow = fx.flow(EcsFixtures.settings(many, 1, false));

        flow.run(new EcsSchedulerRequest(Action.STOP, Trigger.SCHEDULE, false));
        fx.time.set(WEDNESDAY_MORNING);
        RunReport start = flow.run(new EcsSchedulerRequest(Action.START, Trigger.SCHEDULE, false));

        assertThat(fx.account.parameter(SNAPSHOT).orElseThrow()).contains("\"encoding\":\"gzip+base64\"");
        assertThat(start.overallSuccess()).isTrue();
        for (int i = 0; i < many.size(); i++) {
            assertThat(fx.desired(many.get(i))).isEqualTo(2 + i);
        }
    }

    // ---- deadline ---------------------------------------------------------------------------------------

    @Test
    void servicesWhoseTurnComesAfterTheDeadlineFailWithNoTimeAndTheReportStillGoesOut() {
        List<ServiceId> many = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ServiceId id = new ServiceId(CLUSTER, "svc-" + i);
            many.add(id);
            fx.ecs.withService(id.cluster(), id.service(), 0);
        }
        fx.time.set(WEDNESDAY_MORNING);
        // 14 s left, 10 kept for the report: the steps get 4 s, and the rate limit (5 services a second) spends it.
        Deadline deadline = Deadline.fromRemaining(fx.time, java.time.Duration.ofSeconds(14),
                java.time.Duration.ofSeconds(10));

        RunReport report = fx.flow(EcsFixtures.settings(many, 1, false))
                .run(new EcsSchedulerRequest(Action.START, Trigger.SCHEDULE, false), deadline);

        List<StepResult> items = step(report, "start-services").items();
        assertThat(items).hasSize(30);
        assertThat(items).filteredOn(StepResult::succeeded).isNotEmpty();
        assertThat(items).filteredOn(StepResult::failed).isNotEmpty()
                .allSatisfy(i -> assertThat(i.detail()).isEqualTo(Deadline.NO_TIME));
        for (int i = 0; i < items.size(); i++) {
            assertThat(fx.desired(many.get(i))).isEqualTo(items.get(i).succeeded() ? 1 : 0);
        }
        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(fx.account.published()).singleElement()
                .satisfies(p -> assertThat(p.subject()).isEqualTo("Cost Guard ecs-scheduler: FAILED"));
        assertThat(fx.logLines().get(0)).contains("\"event\":\"run_report\"");
    }

    @Test
    void stepsReachedAfterTheDeadlineFailWithNoTimeAndChangeNothing() {
        fx.withServices(2, 3);
        Deadline deadline = Deadline.fromRemaining(fx.time, java.time.Duration.ofSeconds(8),
                java.time.Duration.ofSeconds(10));

        RunReport report = fx.flow().run(new EcsSchedulerRequest(Action.STOP, Trigger.SCHEDULE, false), deadline);

        assertThat(report.steps()).extracting(StepResult::name, StepResult::status, StepResult::detail).containsExactly(
                tuple("guard", StepStatus.FAILED, Deadline.NO_TIME),
                tuple("remember", StepStatus.FAILED, Deadline.NO_TIME),
                tuple("stop-services", StepStatus.FAILED, Deadline.NO_TIME));
        assertThat(fx.ecs.calls()).isEmpty();
        assertThat(fx.account.published()).hasSize(1);
    }

    @Test
    void everyCallOfTheRunIsCappedToTheTimeLeftAndTheCapIsLiftedAfterwards() {
        fx.withServices(2, 3);
        Deadline deadline = Deadline.fromRemaining(fx.time, java.time.Duration.ofSeconds(15),
                java.time.Duration.ofSeconds(10));

        fx.flow().run(new EcsSchedulerRequest(Action.STOP, Trigger.SCHEDULE, false), deadline);

        assertThat(fx.parameterCallCaps).hasSize(2).allSatisfy(cap -> assertThat(cap).isLessThanOrEqualTo(
                java.time.Duration.ofSeconds(5)));
        assertThat(fx.current.get().end()).isEqualTo(java.time.Instant.MAX);
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

    @Test
    void aDryRunWithAFailedItemReportsTheFailureNotNothingChanged() {
        fx.withServices(2, 3);
        fx.stop(Trigger.SCHEDULE);
        List<String> before = fx.ecs.mutatingCalls();
        fx.time.set(WEDNESDAY_MORNING);
        fx.ecs.failing("DescribeServices " + WEB.label());

        RunReport report = fx.flow().run(new EcsSchedulerRequest(Action.START, Trigger.MANUAL, true));

        assertThat(fx.ecs.mutatingCalls()).isEqualTo(before);
        assertThat(item(report, "start-services", WEB).status()).isEqualTo(StepStatus.FAILED);
        assertThat(item(report, "start-services", API).status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(item(report, "start-services", API).detail()).isEqualTo("dry run: would set desired 0 → 3 (remembered)");
        // A dry run that could not even read a service must say so, not "nothing changed" as if all was well.
        assertThat(step(report, "start-services").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, "start-services").detail()).doesNotContain("nothing changed");
        assertThat(report.overallSuccess()).isFalse();
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
        // The report line first, then whether it was published (so a hanging publish never loses the report).
        assertThat(fx.logLines()).hasSize(2);
        JsonNode line = Json.MAPPER.readTree(fx.logLines().get(0));
        assertThat(line.at("/report/notification/status").isMissingNode()).isTrue();
        JsonNode published = Json.MAPPER.readTree(fx.logLines().get(1));
        assertThat(published.at("/event").asText()).isEqualTo("run_report_published");
        assertThat(published.at("/notification/status").asText()).isEqualTo("SUCCEEDED");
        assertThat(line.at("/event").asText()).isEqualTo("run_report");
        assertThat(line.at("/report/function").asText()).isEqualTo("ecs-scheduler");
        assertThat(line.at("/report/overall_success").asBoolean()).isTrue();
        assertThat(line.at("/report/steps/2/items/1/name").asText()).isEqualTo(API.label());
    }

    @Test
    void withoutAResultTopicTheReportIsOnlyLogged() {
        fx.withServices(2, 3);
        EcsSchedulerSettings quiet = new EcsSchedulerSettings(List.of(WEB, API), SNAPSHOT, 1, List.of(),
                java.time.ZoneId.of("Asia/Tokyo"), Optional.empty(), false, Optional.empty());

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
            fx.ecs.withService(id.cluster(), id.service(), i + 2);
        }

        RunReport report = fx.flow(EcsFixtures.settings(many, 1, false))
                .run(new EcsSchedulerRequest(Action.STOP, Trigger.SCHEDULE, false));

        assertThat(step(report, "stop-services").items()).extracting(StepResult::name)
                .containsExactlyElementsOf(many.stream().map(ServiceId::label).toList());
        assertThat(many).allSatisfy(id -> assertThat(fx.desired(id)).isZero());
        assertThat(fx.snapshot().services()).extracting(ServiceCapacity::desiredCount)
                .containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10);
    }
}
