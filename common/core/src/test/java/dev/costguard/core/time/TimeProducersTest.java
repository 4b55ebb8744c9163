package dev.costguard.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.fakes.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The producers the functions inject (checked here as plain methods; the handler tests see them through CDI). */
class TimeProducersTest {

    private final TimeProducers producers = new TimeProducers();

    @Test
    void theClockIsTheSystemsInUtc() {
        Instant before = Instant.now();
        Instant read = producers.clock().instant();
        assertThat(producers.clock().getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(read).isBetween(before, Instant.now());
    }

    @Test
    void theSleeperIsTheRealOne() {
        assertThat(producers.sleeper()).isSameAs(Sleeper.SYSTEM);
    }

    @Test
    void theCurrentDeadlineStartsUnbounded() {
        FakeTime time = new FakeTime();
        CurrentDeadline current = producers.currentDeadline(time);
        assertThat(current.get().end()).isEqualTo(Instant.MAX);
        assertThat(current.capCall(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
    }
}
