package dev.costguard.shutdown;

import dev.costguard.core.ports.Distributions;
import dev.costguard.core.ports.FunctionThrottle;
import dev.costguard.core.ports.Instances;
import dev.costguard.core.ports.Notifier;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.RemoteCommands;
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
public class ShutdownWiring {

    // Singleton, not ApplicationScoped: records and final classes cannot be proxied.
    @Produces
    @Singleton
    @Startup
    ShutdownSettings settings(ShutdownConfig config) {
        return ShutdownSettings.from(config);
    }

    @Produces
    @Singleton
    ShutdownFlow flow(ShutdownSettings settings, FunctionThrottle functions, Instances instances,
            RemoteCommands commands, Distributions distributions, Parameters parameters, Notifier notifier,
            CurrentDeadline current, Clock clock, Sleeper sleeper) {
        RunFinisher finisher = new RunFinisher(RunReportLog.stdout(clock), new ReportPublisher(notifier, clock), current);
        return new ShutdownFlow(settings, functions, instances, commands, distributions, parameters, finisher, current,
                clock, sleeper);
    }
}
