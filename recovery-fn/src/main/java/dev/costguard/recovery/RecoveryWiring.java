package dev.costguard.recovery;

import dev.costguard.core.ports.Distributions;
import dev.costguard.core.ports.FunctionThrottle;
import dev.costguard.core.health.HttpHealthProbe;
import dev.costguard.core.ports.Instances;
import dev.costguard.core.ports.Notifier;
import dev.costguard.core.ports.Parameters;
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
public class RecoveryWiring {

    // Singleton, not ApplicationScoped: records and final classes cannot be proxied.
    @Produces
    @Singleton
    @Startup
    RecoverySettings settings(RecoveryConfig config) {
        return RecoverySettings.from(config);
    }

    @Produces
    @Singleton
    RecoveryFlow flow(RecoverySettings settings, FunctionThrottle functions, Instances instances,
            Distributions distributions, Parameters parameters, Notifier notifier, CurrentDeadline current, Clock clock,
            Sleeper sleeper) {
        RunFinisher finisher = new RunFinisher(RunReportLog.stdout(clock), new ReportPublisher(notifier, clock), current);
        return new RecoveryFlow(settings, functions, instances, distributions, parameters,
                new HttpHealthProbe(RecoveryFlow.PROBE_TIMEOUT), finisher, current, clock, sleeper);
    }
}
