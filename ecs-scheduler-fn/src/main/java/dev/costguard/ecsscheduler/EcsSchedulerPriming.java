package dev.costguard.ecsscheduler;

import dev.costguard.core.ports.ServiceId;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.ports.ContainerServices;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.ScalableTargets;
import dev.costguard.core.run.SnapshotPriming;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: just before Lambda snapshots a published version, one read through each adapter the
 * scheduler's first step uses (ECS, Application Auto Scaling, SSM), so a restored function starts with those
 * clients built and their classes loaded, and a sample report formatted in memory (Jackson's serialisers for the
 * report). Without SnapStart no snapshot is taken and this never runs.
 */
@Singleton
public class EcsSchedulerPriming implements Resource {

    @Inject
    EcsSchedulerSettings settings;
    @Inject
    ContainerServices services;
    @Inject
    ScalableTargets targets;
    @Inject
    Parameters parameters;
    @Inject
    Clock clock;

    /**
     * Registers the priming only when every setting is valid: with a bad one the bean's settings cannot be made,
     * and the function must still start so that each invocation fails with the message naming the bad variables
     * ({@link SettingsGate}).
     */
    static void register(@Observes StartupEvent started, SettingsGate gate, Instance<EcsSchedulerPriming> priming) {
        if (gate.check().valid()) {
            // The global context keeps a weak reference; a singleton bean lives as long as the function.
            Core.getGlobalContext().register(priming.get());
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the credentials chain asks the container endpoint again after a restore.
    }

    SnapshotPriming prime() {
        ServiceId first = settings.services().get(0);
        SnapshotPriming priming = SnapshotPriming.stdout(clock)
                .read("DescribeServices", () -> services.desiredCount(first.cluster(), first.service()))
                .read("DescribeScalableTargets", () -> targets.find(first.cluster(), first.service()))
                .read("GetParameter", () -> parameters.get(settings.snapshotParameter()));
        priming.formatReport(EcsSchedulerFlow.FUNCTION);
        return priming;
    }
}
