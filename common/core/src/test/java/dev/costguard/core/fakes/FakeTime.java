package dev.costguard.core.fakes;

import dev.costguard.core.time.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that only moves when something sleeps on it: waits cost no wall-clock time and are counted exactly. */
public final class FakeTime extends Clock implements Sleeper {

    private final AtomicReference<Instant> now;
    private final AtomicReference<Duration> slept = new AtomicReference<>(Duration.ZERO);

    public FakeTime(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public FakeTime() {
        this(Instant.parse("2026-11-01T00:00:00Z"));
    }

    @Override
    public void sleep(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
        slept.updateAndGet(d -> d.plus(duration));
    }

    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    /** The sum of every sleep so far. */
    public Duration slept() {
        return slept.get();
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
