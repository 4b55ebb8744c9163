package dev.costguard.ecsscheduler;

import dev.costguard.core.ports.ContainerServices;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.ScalableTargets;
import dev.costguard.core.run.SnapshotPriming;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Clock;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: just before Lambda snapshots a published version, one read through each adapter the
 * scheduler's first step uses (ECS, Application Auto Scaling, SSM), so a restored function starts with those
 * clients built and their classes loaded. Without SnapStart no snapshot is taken and this never runs.
 */
@ApplicationScoped
public class EcsSchedulerPriming implements Resource {

    /** Resolved only when priming, past start-up: with bad settings Quarkus still starts and the gate names them. */
    @Inject
    Provider<EcsSchedulerSettings> settings;
    @Inject
    ContainerServices services;
    @Inject
    ScalableTargets targets;
    @Inject
    Parameters parameters;
    @Inject
    Clock clock;

    void register(@Observes StartupEvent started) {
        // The global context keeps a weak reference; this application-scoped bean lives as long as the function.
        Core.getGlobalContext().register(this);
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
        return SnapshotPriming.stdout(clock)
                .read("DescribeServices", () -> services.desiredCount(first().cluster(), first().service()))
                .read("DescribeScalableTargets", () -> targets.find(first().cluster(), first().service()))
                .read("GetParameter", () -> parameters.get(settings.get().snapshotParameter()));
    }

    private ServiceId first() {
        return settings.get().services().get(0);
    }
}
