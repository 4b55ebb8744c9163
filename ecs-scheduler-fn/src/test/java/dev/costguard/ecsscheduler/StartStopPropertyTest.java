package dev.costguard.ecsscheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.report.RunReport;
import dev.costguard.core.ports.ScalableTargets.Capacity;
import dev.costguard.core.snapshot.Snapshot.ServiceCapacity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Whatever the mix of services and however starts and stops follow each other (stops twice in a row, manual
 * starts on top of scheduled ones), a stop puts everything at 0 and the next start brings back each service's
 * own size and bounds.
 */
class StartStopPropertyTest {

    @RepeatedTest(40)
    void everyStartBringsBackTheSizesFromBeforeTheFirstStop(RepetitionInfo repetition) {
        Random random = new Random(7919L * repetition.getCurrentRepetition());
        EcsFixtures fx = new EcsFixtures();
        List<ServiceId> services = new ArrayList<>();
        Map<ServiceId, Integer> sizes = new HashMap<>();
        Map<ServiceId, Capacity> bounds = new HashMap<>();
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            ServiceId id = new ServiceId("cluster-" + random.nextInt(2), "svc-" + i);
            int size = 1 + random.nextInt(6);
            services.add(id);
            sizes.put(id, size);
            fx.ecs.withService(id.cluster(), id.service(), size);
            if (random.nextBoolean()) {
                int min = random.nextInt(Math.min(size, 3) + 1);
                Capacity capacity = new Capacity(min, size + random.nextInt(5));
                bounds.put(id, capacity);
                fx.ecs.withTarget(id.cluster(), id.service(), capacity.min(), capacity.max());
            }
        }
        EcsSchedulerFlow flow = fx.flow(EcsFixtures.settings(services, 1, false));

        int runs = 6 + random.nextInt(8);
        for (int run = 0; run < runs; run++) {
            Action action = random.nextBoolean() ? Action.STOP : Action.START;
            Trigger trigger = random.nextBoolean() ? Trigger.SCHEDULE : Trigger.MANUAL;
            fx.time.advance(Duration.ofHours(11 + random.nextInt(3)));
            RunReport report = flow.run(new EcsSchedulerRequest(action, trigger, false));

            if (report.steps().size() == 1) {
                continue; // a scheduled start on the configured holiday
            }
            assertThat(report.overallSuccess()).as("run %d (%s) of %s", run, action, services).isTrue();
            for (ServiceId id : services) {
                Capacity target = fx.ecs.target(id.cluster(), id.service());
                if (action == Action.STOP) {
                    assertThat(fx.desired(id)).as("%s after stop", id).isZero();
                    assertThat(target == null || target.asleep()).as("%s bounds after stop", id).isTrue();
                    assertThat(fx.snapshot().services()).as("remembered after stop")
                            .contains(new ServiceCapacity(id.cluster(), id.service(), sizes.get(id),
                                    bounds.containsKey(id) ? bounds.get(id).min() : null,
                                    bounds.containsKey(id) ? bounds.get(id).max() : null));
                } else {
                    assertThat(fx.desired(id)).as("%s after start", id).isEqualTo(sizes.get(id));
                    assertThat(target).as("%s bounds after start", id).isEqualTo(bounds.get(id));
                }
            }
        }
    }
}
