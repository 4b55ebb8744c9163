package dev.costguard.efsscaler;

import dev.costguard.core.ports.ContainerServices;
import dev.costguard.core.ports.MountTargets;
import dev.costguard.core.ports.Notifier;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.Subnets;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Sleeper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the flow from the adapters; settings are checked at start-up so bad ones fail the cold start. */
@ApplicationScoped
public class EfsScalerWiring {

    // Singleton, not application scoped: a record cannot be proxied.
    @Produces
    @Singleton
    @Startup
    EfsScalerSettings settings(EfsScalerConfig config) {
        return EfsScalerSettings.from(config);
    }

    @Produces
    @Singleton
    EfsScalerFlow flow(EfsScalerSettings settings, MountTargets mountTargets, Subnets subnets, Parameters parameters,
            ContainerServices services, Notifier notifier, CurrentDeadline current, Clock clock, Sleeper sleeper) {
        RunFinisher finisher = new RunFinisher(RunReportLog.stdout(clock), new ReportPublisher(notifier, clock), current);
        return new EfsScalerFlow(settings, mountTargets, subnets, parameters, services, finisher, current,
                EventLog.stdout(clock), clock, sleeper);
    }
}
