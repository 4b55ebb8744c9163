package dev.costguard.core.run;

import dev.costguard.core.time.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces calls evenly at a fixed rate, with no burst: control-plane limits such as Lambda's 15 requests
 * per second are account-wide, so a burst from us would throttle everybody else's deployments too.
 */
public final class RateLimiter {

    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;
    private Instant nextSlot;

    public RateLimiter(double permitsPerSecond, Clock clock, Sleeper sleeper) {
        if (!(permitsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, got " + permitsPerSecond);
        }
        this.interval = Duration.ofNanos((long) Math.ceil(1_000_000_000d / permitsPerSecond));
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Blocks until the caller may make its call. */
    public void acquire() throws InterruptedException {
        Instant slot;
        synchronized (this) {
            Instant now = clock.instant();
            slot = nextSlot == null || nextSlot.isBefore(now) ? now : nextSlot;
            nextSlot = slot.plus(interval);
        }
        Duration wait = Duration.between(clock.instant(), slot);
        if (!wait.isNegative() && !wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    public Duration interval() {
        return interval;
    }
}
