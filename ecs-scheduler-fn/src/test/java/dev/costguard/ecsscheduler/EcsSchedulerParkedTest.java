package dev.costguard.ecsscheduler;

import static dev.costguard.ecsscheduler.EcsFixtures.API;
import static dev.costguard.ecsscheduler.EcsFixtures.PARKED;
import static dev.costguard.ecsscheduler.EcsFixtures.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.report.RunOutcome;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import dev.costguard.core.snapshot.Snapshot.ServiceCapacity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** While the kill switch has the estate parked, a start wakes nothing and says why; a stop still stops. */
class EcsSchedulerParkedTest {

    /** Wednesday 2026-11-04 09:00 in Tokyo. */
    private static final Instant WEDNESDAY_MORNING = Instant.parse("2026-11-04T00:00:00Z");
    private static final String MARKER = "{\"parked_since\":\"2026-11-03T05:00:00Z\",\"trigger\":\"budget-alert\"}";

    private final EcsFixtures fx = new EcsFixtures();

    private RunReport morningStart(Trigger trigger) {
        fx.time.set(WEDNESDAY_MORNING);
        return fx.start(trigger);
    }

    @Test
    void aStartWhileParkedWakesNothingAndSaysSinceWhenAndWhoRestoresIt() {
        fx.withServices(2, 3);
        fx.stop(Trigger.SCHEDULE);
        fx.account.put(PARKED, MARKER);

        RunReport report = morningStart(Trigger.SCHEDULE);

        assertThat(fx.desired(WEB)).isZero();
        assertThat(fx.desired(API)).isZero();
        assertThat(report.steps()).extracting(StepResult::name, StepResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("guard", StepStatus.SKIPPED),
                org.assertj.core.groups.Tuple.tuple("start-services", StepStatus.SKIPPED));
        assertThat(report.summary()).isEqualTo("Start by the schedule refused: parked by the kill switch since "
                + "2026-11-03T05:00:00Z (budget-alert); recovery restores it");
        assertThat(report.outcome()).isEqualTo(RunOutcome.SKIPPED);
        assertThat(report.overallSuccess()).isTrue();
        assertThat(fx.account.published()).last().satisfies(p -> assertThat(p.message()).contains("refused"));
    }

    @Test
    void aManualStartWhileParkedIsRefusedToo() {
        fx.withServices(0, 0);
        fx.account.put(PARKED, MARKER);

        RunReport report = morningStart(Trigger.MANUAL);

        assertThat(report.summary()).startsWith("Start by hand refused: parked by the kill switch since");
        assertThat(fx.ecs.mutatingCalls()).isEmpty();
    }

    @Test
    void aStartThatCannotReadTheMarkerWakesNothing() {
        fx.withServices(2, 3);
        fx.stop(Trigger.SCHEDULE);
        fx.account.failing("GetParameter " + PARKED);

        RunReport report = morningStart(Trigger.SCHEDULE);

        assertThat(fx.desired(WEB)).isZero();
        assertThat(report.overallSuccess()).isFalse();
        assertThat(report.steps().get(0).detail()).startsWith("cannot tell whether the kill switch parked the estate "
                + "(SSM parameter " + PARKED + ": ").endsWith("); nothing was started");
    }

    @Test
    void theStartAfterRecoveryLiftedTheMarkerWakesAtTheRememberedSizes() {
        fx.withServices(2, 3);
        fx.stop(Trigger.SCHEDULE);
        fx.account.put(PARKED, MARKER);
        morningStart(Trigger.SCHEDULE);
        fx.account.delete(PARKED);

        RunReport report = morningStart(Trigger.SCHEDULE);

        assertThat(report.overallSuccess()).isTrue();
        assertThat(fx.desired(WEB)).isEqualTo(2);
        assertThat(fx.desired(API)).isEqualTo(3);
    }

    @Test
    void aStopWhileParkedStillStopsAndNeverRemembersTheParkedZero() {
        // The scheduler remembered 2 and 3 last night; the kill switch then parked both services at 0.
        fx.withServices(2, 3);
        fx.stop(Trigger.SCHEDULE);
        morningStart(Trigger.SCHEDULE);
        fx.ecs.withService(EcsFixtures.CLUSTER, WEB.service(), 0).withService(EcsFixtures.CLUSTER, API.service(), 0);
        fx.account.put(PARKED, MARKER);

        RunReport report = fx.stop(Trigger.SCHEDULE);

        assertThat(report.overallSuccess()).isTrue();
        assertThat(fx.snapshot().services()).extracting(ServiceCapacity::desiredCount).containsExactly(2, 3);
    }

    @Test
    void aStopWhileParkedStopsAServiceSomeoneStartedByHand() {
        fx.withServices(2, 3);
        fx.account.put(PARKED, MARKER);

        RunReport report = fx.stop(Trigger.SCHEDULE);

        assertThat(report.overallSuccess()).isTrue();
        assertThat(fx.desired(WEB)).isZero();
        assertThat(fx.desired(API)).isZero();
    }
}
