package dev.costguard.efsscaler;

import dev.costguard.aws.SettingsGate;
import dev.costguard.core.ports.ContainerServices;
import dev.costguard.core.ports.MountTargets;
import dev.costguard.core.ports.Notifier;
import dev.costguard.core.parked.ParkedMarker;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.Subnets;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.settings.SettingsSection;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Sleeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the flow from the adapters; every setting is checked at start-up, and no run starts with a bad one. */
@ApplicationScoped
public class EfsScalerWiring {

    /** The function's own settings, checked with the AWS client settings at start-up by the {@link SettingsGate}. */
    @Produces
    @Singleton
    SettingsSection settingsSection(EfsScalerConfig config) {
        return reader -> EfsScalerSettings.read(config, reader);
    }

    // Singleton, not ApplicationScoped: a record cannot be proxied. Made when the first run needs it, past the gate.
    @Produces
    @Singleton
    EfsScalerSettings settings(EfsScalerConfig config, SettingsGate gate) {
        gate.requireValid();
        return EfsScalerSettings.from(config);
    }

    @Produces
    @Singleton
    EfsScalerFlow flow(EfsScalerSettings settings, MountTargets mountTargets, Subnets subnets, Parameters parameters,
            ContainerServices services, Notifier notifier, CurrentDeadline current, Clock clock, Sleeper sleeper) {
        RunFinisher finisher = new RunFinisher(RunReportLog.stdout(clock), new ReportPublisher(notifier, clock), current);
        return new EfsScalerFlow(settings, mountTargets, subnets, parameters, services, finisher, current,
                EventLog.stdout(clock), clock, sleeper,
                settings.parkedParameter().map(name -> new ParkedMarker(parameters, name)));
    }
}
