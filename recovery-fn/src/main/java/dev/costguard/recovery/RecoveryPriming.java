package dev.costguard.recovery;

import dev.costguard.core.ports.Distributions;
import dev.costguard.core.ports.FunctionThrottle;
import dev.costguard.core.ports.Instances;
import dev.costguard.core.ports.Parameters;
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
 * SnapStart priming: just before Lambda snapshots a published version, one read through each adapter recovery's
 * assess step and restores use (Lambda, EC2, CloudFront, SSM), so a restored function starts with those clients
 * built and their classes loaded. Without SnapStart no snapshot is taken and this never runs.
 */
@ApplicationScoped
public class RecoveryPriming implements Resource {

    /** Resolved only when priming, past start-up: with bad settings Quarkus still starts and the gate names them. */
    @Inject
    Provider<RecoverySettings> settings;
    @Inject
    FunctionThrottle functions;
    @Inject
    Instances instances;
    @Inject
    Distributions distributions;
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
                .read("GetFunctionConcurrency", () -> functions.reservedConcurrency(settings.get().functionNames().get(0)))
                .read("DescribeInstances", () -> instances.describe(settings.get().instanceId()))
                .read("GetDistributionConfig", () -> distributions.isEnabled(settings.get().distributionId()))
                .read("GetParameter", () -> parameters.get(settings.get().snapshotParameter()));
    }
}
