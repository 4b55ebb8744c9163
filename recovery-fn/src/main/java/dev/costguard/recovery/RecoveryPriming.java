package dev.costguard.recovery;

import dev.costguard.aws.SettingsGate;
import dev.costguard.core.ports.Distributions;
import dev.costguard.core.ports.FunctionThrottle;
import dev.costguard.core.ports.Instances;
import dev.costguard.core.ports.Parameters;
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
 * SnapStart priming: just before Lambda snapshots a published version, one read through each adapter recovery's
 * assess step and restores use (Lambda, EC2, CloudFront, SSM), so a restored function starts with those clients
 * built and their classes loaded, and a sample report formatted in memory (Jackson's serialisers for the report).
 * Without SnapStart no snapshot is taken and this never runs.
 */
@Singleton
public class RecoveryPriming implements Resource {

    @Inject
    RecoverySettings settings;
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

    /**
     * Registers the priming only when every setting is valid: with a bad one the bean's settings cannot be made,
     * and the function must still start so that each invocation fails with the message naming the bad variables
     * ({@link SettingsGate}).
     */
    static void register(@Observes StartupEvent started, SettingsGate gate, Instance<RecoveryPriming> priming) {
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
        SnapshotPriming priming = SnapshotPriming.stdout(clock)
                .read("GetFunctionConcurrency", () -> functions.reservedConcurrency(settings.functionNames().get(0)))
                .read("DescribeInstances", () -> instances.describe(settings.instanceId()))
                .read("GetDistributionConfig", () -> distributions.isEnabled(settings.distributionId()))
                .read("GetParameter", () -> parameters.get(settings.snapshotParameter()));
        priming.formatReport("recovery");
        return priming;
    }
}
