package dev.costguard.ecsscheduler;

import dev.costguard.aws.SettingsGate;
import dev.costguard.core.ports.ContainerServices;
import dev.costguard.core.ports.Notifier;
import dev.costguard.core.parked.ParkedMarker;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.ParkedState;
import dev.costguard.core.ports.ScalableTargets;
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
import java.util.Optional;

/** Builds the flow from the adapters; every setting is checked at start-up, and no run starts with a bad one. */
@ApplicationScoped
public class EcsSchedulerWiring {

    /** The function's own settings, checked with the AWS client settings at start-up by the {@link SettingsGate}. */
    @Produces
    @Singleton
    SettingsSection settingsSection(EcsSchedulerConfig config) {
        return reader -> EcsSchedulerSettings.read(config, reader);
    }

    // Singleton, not ApplicationScoped: a record cannot be proxied. Made when the first run needs it, past the gate.
    @Produces
    @Singleton
    EcsSchedulerSettings settings(EcsSchedulerConfig config, SettingsGate gate) {
        gate.requireValid();
        return EcsSchedulerSettings.from(config);
    }

    @Produces
    @Singleton
    EcsSchedulerFlow flow(EcsSchedulerSettings settings, ContainerServices services, ScalableTargets targets,
            Parameters parameters, Notifier notifier, CurrentDeadline current, Clock clock, Sleeper sleeper) {
        RunFinisher finisher = new RunFinisher(RunReportLog.stdout(clock), new ReportPublisher(notifier, clock),
                current);
        Optional<ParkedState> parked = settings.parkedParameter().map(name -> new ParkedMarker(parameters, name));
        return new EcsSchedulerFlow(settings, services, targets, parameters, parked, finisher, current, clock, sleeper);
    }
}
