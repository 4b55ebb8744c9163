package dev.costguard.shutdown;

import dev.costguard.aws.SettingsGate;
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
import dev.costguard.core.ports.RemoteCommands;
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
public class ShutdownWiring {

    /** The function's own settings, checked with the AWS client settings at start-up by the {@link SettingsGate}. */
    @Produces
    @Singleton
    SettingsSection settingsSection(ShutdownConfig config) {
        return reader -> ShutdownSettings.read(config, reader);
    }

    // Singleton, not ApplicationScoped: a record cannot be proxied. Made when the first run needs it, past the gate.
    @Produces
    @Singleton
    ShutdownSettings settings(ShutdownConfig config, SettingsGate gate) {
        gate.requireValid();
        return ShutdownSettings.from(config);
    }

    @Produces
    @Singleton
    ShutdownFlow flow(ShutdownSettings settings, FunctionThrottle functions, Instances instances,
            RemoteCommands commands, Distributions distributions, Parameters parameters, FunctionTags functionTags,
            InstanceTags instanceTags, DistributionTags distributionTags, Notifier notifier,
            CurrentDeadline current, Clock clock, Sleeper sleeper, ContainerServices ecs, ScalableTargets targets,
            ServiceTags serviceTags) {
        RunFinisher finisher = new RunFinisher(RunReportLog.stdout(clock), new ReportPublisher(notifier, clock), current);
        return new ShutdownFlow(settings, functions, instances, commands, distributions, parameters, functionTags,
                instanceTags, distributionTags, finisher, current, clock, sleeper,
                new ParkedMarker(parameters, settings.parkedParameter()), ecs, targets, serviceTags);
    }
}
