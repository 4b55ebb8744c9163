package dev.costguard.core.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Real time for the functions; tests construct flows with a fake clock and sleeper instead. */
@ApplicationScoped
public class TimeProducers {

    @Produces
    @ApplicationScoped
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    public Sleeper sleeper() {
        return Sleeper.SYSTEM;
    }

    // Singleton, not ApplicationScoped: a final class cannot be proxied.
    @Produces
    @Singleton
    public CurrentDeadline currentDeadline(Clock clock) {
        return new CurrentDeadline(clock);
    }
}
