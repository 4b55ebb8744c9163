package dev.costguard.ecsscheduler;

import dev.costguard.core.ports.ServiceId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.ports.ScalableTargets.Capacity;
import dev.costguard.core.report.RunReport;
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
 * own size and bounds. With random faults injected into any call, a service's remembered size is only ever a size
 * it had itself, and after a start without faults every service is back at its own size.
 */
class StartStopPropertyTest {

    private static final int DEFAULT = 1;
    private static final List<String> ECS_OPERATIONS = List.of("DescribeServices", "DescribeScalableTargets",
            "UpdateService", "RegisterScalableTarget");
    private static final List<String> PARAMETER_OPERATIONS = List.of("GetParameter", "PutParameter");

    /** A service as the test built it: its own size (null: never seen, it starts at 0) and its own bounds. */
    private record Own(Integer size, Capacity bounds) {
    }

    private static final class Account {
        final EcsFixtures fx = new EcsFixtures();
        final List<ServiceId> services = new ArrayList<>();
        final Map<ServiceId, Own> own = new HashMap<>();
        final EcsSchedulerFlow flow;

        Account(Random random) {
            int count = 1 + random.nextInt(5);
            for (int i = 0; i < count; i++) {
                ServiceId id = new ServiceId("cluster-" + random.nextInt(2), "svc-" + i);
                services.add(id);
                if (random.nextInt(5) == 0) {
                    // A service found at 0 whose own size nobody has told the scheduler.
                    own.put(id, new Own(null, null));
                    fx.ecs.withService(id.cluster(), id.service(), 0);
                    continue;
                }
                int size = 1 + random.nextInt(6);
                Capacity bounds = null;
                if (random.nextBoolean()) {
                    bounds = new Capacity(random.nextInt(Math.min(size, 3) + 1), size + random.nextInt(5));
                    fx.ecs.withTarget(id.cluster(), id.service(), bounds.min(), bounds.max());
                }
                own.put(id, new Own(size, bounds));
                fx.ecs.withService(id.cluster(), id.service(), size);
            }
            flow = fx.flow(EcsFixtures.settings(services, DEFAULT, false));
        }

        RunReport run(Action action, Trigger trigger) {
            return flow.run(new EcsSchedulerRequest(action, trigger, false));
        }

        /** Every entry is a size the service had itself, with its own bounds, or unknown. */
        void assertOnlyOwnSizesAreRemembered(String when) {
            if (fx.account.parameter(EcsFixtures.SNAPSHOT).isEmpty()) {
                return;
            }
            for (ServiceCapacity entry : fx.snapshot().services()) {
                Own mine = own.get(new ServiceId(entry.cluster(), entry.service()));
                if (entry.desiredCount() == null) {
                    assertThat(entry.unknown()).as("%s: %s unknown needs a reason", when, entry).isNotBlank();
                } else {
                    assertThat(entry.desiredCount()).as("%s: remembered size of %s", when, entry).isEqualTo(mine.size());
                }
                if (entry.minCapacity() != null) {
                    assertThat(new Capacity(entry.minCapacity(), entry.maxCapacity()))
                            .as("%s: remembered bounds of %s", when, entry).isEqualTo(mine.bounds());
                }
            }
        }
    }

    @RepeatedTest(40)
    void everyStartBringsBackTheSizesFromBeforeTheFirstStop(RepetitionInfo repetition) {
        Random random = new Random(7919L * repetition.getCurrentRepetition());
        Account account = new Account(random);
        EcsFixtures fx = account.fx;

        int runs = 6 + random.nextInt(8);
        for (int run = 0; run < runs; run++) {
            Action action = random.nextBoolean() ? Action.STOP : Action.START;
            Trigger trigger = random.nextBoolean() ? Trigger.SCHEDULE : Trigger.MANUAL;
            fx.time.advance(Duration.ofHours(11 + random.nextInt(3)));
            RunReport report = account.run(action, trigger);

            if (report.steps().size() == 1) {
                continue; // a scheduled start on the configured holiday
            }
            assertThat(report.overallSuccess()).as("run %d (%s) of %s", run, action, account.services).isTrue();
            account.assertOnlyOwnSizesAreRemembered("run " + run);
            for (ServiceId id : account.services) {
                Own own = account.own.get(id);
                Capacity target = fx.ecs.target(id.cluster(), id.service());
                if (action == Action.STOP) {
                    assertThat(fx.desired(id)).as("%s after stop", id).isZero();
                    assertThat(target == null || target.asleep()).as("%s bounds after stop", id).isTrue();
                } else {
                    assertThat(fx.desired(id)).as("%s after start", id)
                            .isEqualTo(own.size() == null ? DEFAULT : own.size());
                    assertThat(target).as("%s bounds after start", id).isEqualTo(own.bounds());
                }
            }
        }
    }

    @RepeatedTest(60)
    void withRandomFaultsOnlyOwnSizesAreEverRememberedAndAFaultFreeStartRestoresThem(RepetitionInfo repetition) {
        Random random = new Random(104729L * repetition.getCurrentRepetition());
        Account account = new Account(random);
        EcsFixtures fx = account.fx;

        int runs = 8 + random.nextInt(12);
        for (int run = 0; run < runs; run++) {
            Action action = random.nextBoolean() ? Action.STOP : Action.START;
            Trigger trigger = random.nextBoolean() ? Trigger.SCHEDULE : Trigger.MANUAL;
            fx.time.advance(Duration.ofHours(11 + random.nextInt(3)));
            List<String> faults = new ArrayList<>();
            if (random.nextInt(3) > 0) {
                for (int f = 1 + random.nextInt(2); f > 0; f--) {
                    if (random.nextInt(5) == 0) {
                        faults.add(PARAMETER_OPERATIONS.get(random.nextInt(PARAMETER_OPERATIONS.size())));
                        fx.account.failing(faults.get(faults.size() - 1));
                    } else {
                        ServiceId victim = account.services.get(random.nextInt(account.services.size()));
                        faults.add(ECS_OPERATIONS.get(random.nextInt(ECS_OPERATIONS.size())) + " " + victim.label());
                        fx.ecs.failing(faults.get(faults.size() - 1));
                    }
                }
            }
            RunReport report = account.run(action, trigger);
            faults.forEach(fault -> {
                fx.ecs.healing(fault);
                fx.account.healing(fault);
            });

            String when = "run " + run + " (" + action + ", faults " + faults + ") of " + account.services;
            account.assertOnlyOwnSizesAreRemembered(when);
            if (action == Action.START && faults.isEmpty() && report.steps().size() > 1) {
                assertThat(report.overallSuccess()).as(when).isTrue();
                for (ServiceId id : account.services) {
                    Own own = account.own.get(id);
                    assertThat(fx.desired(id)).as("%s: %s after a fault-free start", when, id)
                            .isEqualTo(own.size() == null ? DEFAULT : own.size());
                    assertThat(fx.ecs.target(id.cluster(), id.service())).as("%s: %s bounds", when, id)
                            .isEqualTo(own.bounds());
                }
            }
        }
    }
}
