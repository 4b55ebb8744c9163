package dev.costguard.ecsscheduler;

import dev.costguard.core.ports.ContainerServices;
import dev.costguard.core.ports.Notifier;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.ports.ScalableTargets;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Sleeper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Builds the flow from the adapters; settings are checked at start-up so bad ones fail the cold start. */
@ApplicationScoped
public class EcsSchedulerWiring {

    // Singleton, not application scoped: a record cannot be proxied, and nothing here needs lazy creation.
    @Produces
    @Singleton
    @Startup
    EcsSchedulerSettings settings(EcsSchedulerConfig config) {
        return EcsSchedulerSettings.from(config);
    }

    @Produces
    @Singleton
    EcsSchedulerFlow flow(EcsSchedulerSettings settings, ContainerServices services, ScalableTargets targets,
            Parameters parameters, Notifier notifier, CurrentDeadline current, Clock clock, Sleeper sleeper) {
        RunFinisher finisher = new RunFinisher(RunReportLog.stdout(clock), new ReportPublisher(notifier, clock),
                current);
        return new EcsSchedulerFlow(settings, services, targets, parameters, finisher, current, clock, sleeper);
    }
}
