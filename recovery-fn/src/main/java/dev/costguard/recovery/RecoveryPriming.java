package dev.costguard.recovery;

import dev.costguard.aws.SettingsGate;
import dev.costguard.core.ports.Distributions;
import dev.costguard.core.ports.FunctionThrottle;
import dev.costguard.core.ports.Instances;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.run.SnapshotPriming;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
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
@ApplicationScoped
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
     * Registers the bean's client proxy, without creating the bean: creating it injects the adapters, which need
     * valid settings, and with a bad setting the function must still start so that every invocation names it
     * (SettingsGate). With a bad setting nothing is registered and nothing primed.
     */
    static void register(@Observes StartupEvent started, SettingsGate gate, RecoveryPriming priming) {
        if (gate.check().valid()) {
            // The global context keeps a weak reference; the client proxy lives as long as the function.
            Core.getGlobalContext().register(priming);
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
