package dev.costguard.ecsscheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.fakes.FakeTime;
import org.junit.jupiter.api.Test;

class EcsSchedulerPrimingTest {

    private final EcsFixtures fixtures = new EcsFixtures();

    private EcsSchedulerPriming priming() {
        fixtures.ecs.withService(EcsFixtures.CLUSTER, EcsFixtures.WEB.service(), 2)
                .withTarget(EcsFixtures.CLUSTER, EcsFixtures.WEB.service(), 1, 4);
        EcsSchedulerPriming priming = new EcsSchedulerPriming();
        priming.settings = () -> EcsFixtures.settings();
        priming.services = fixtures.ecs;
        priming.targets = fixtures.ecs;
        priming.parameters = fixtures.parameters;
        priming.clock = new FakeTime();
        return priming;
    }

    @Test
    void readsOnceThroughEveryAdapterAndChangesNothing() {
        EcsSchedulerPriming priming = priming();

        assertThat(priming.prime().failed()).isEmpty();

        assertThat(fixtures.ecs.calls()).extracting(call -> call.split(" ")[0])
                .containsExactly("DescribeServices", "DescribeScalableTargets", "GetParameter");
        assertThat(fixtures.ecs.mutatingCalls()).isEmpty();
        assertThat(fixtures.ecs.desired(EcsFixtures.CLUSTER, EcsFixtures.WEB.service())).isEqualTo(2);
    }

    @Test
    void aFailedReadDoesNotStopTheOthersNorTheSnapshot() {
        EcsSchedulerPriming priming = priming();
        fixtures.ecs.failing("DescribeServices");

        assertThat(priming.prime().failed()).containsExactly("DescribeServices");

        assertThat(fixtures.ecs.calls()).extracting(call -> call.split(" ")[0])
                .containsExactly("DescribeServices", "DescribeScalableTargets", "GetParameter");
    }
}
