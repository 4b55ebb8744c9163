package dev.costguard.recovery;

import dev.costguard.aws.SettingsGate;
import dev.costguard.core.health.HttpHealthProbe;
import dev.costguard.core.parked.ParkedMarker;
import dev.costguard.core.ports.ContainerServices;
import dev.costguard.core.ports.DistributionTags;
import dev.costguard.core.ports.Distributions;
import dev.costguard.core.ports.FunctionTags;
import dev.costguard.core.ports.FunctionThrottle;
import dev.costguard.core.ports.InstanceTags;
import dev.costguard.core.ports.Instances;
import dev.costguard.core.ports.Notifier;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.ScalableTargets;
import dev.costguard.core.ports.ServiceTags;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.settings.SettingsSection;
import dev.costguard.core.time.Sleeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the flow from the adapters; every setting is checked at start-up, and no run starts with a bad one. */
@ApplicationScoped
public class RecoveryWiring {

    /** The function's own settings, checked with the AWS client settings at start-up by the {@link SettingsGate}. */
    @Produces
    @Singleton
    SettingsSection settingsSection(RecoveryConfig config) {
        return reader -> RecoverySettings.read(config, reader);
    }

    // Singleton, not ApplicationScoped: a record cannot be proxied. Made when the first run needs it, past the gate.
    @Produces
    @Singleton
    RecoverySettings settings(RecoveryConfig config, SettingsGate gate) {
        gate.requireValid();
        return RecoverySettings.from(config);
    }

    @Produces
    @Singleton
    RecoveryFlow flow(RecoverySettings settings, FunctionThrottle functions, Instances instances,
            Distributions distributions, Parameters parameters, FunctionTags functionTags, InstanceTags instanceTags,
            DistributionTags distributionTags, Notifier notifier, CurrentDeadline current, Clock clock,
            Sleeper sleeper, ContainerServices ecs, ScalableTargets targets, ServiceTags serviceTags) {
        RunFinisher finisher = new RunFinisher(RunReportLog.stdout(clock), new ReportPublisher(notifier, clock), current);
        return new RecoveryFlow(settings, functions, instances, distributions, parameters, functionTags, instanceTags,
                distributionTags, new HttpHealthProbe(RecoveryFlow.PROBE_TIMEOUT), finisher, current, clock, sleeper,
                new ParkedMarker(parameters, settings.parkedParameter()), ecs, targets, serviceTags);
    }
}
