package dev.costguard.core.run;

import dev.costguard.core.fakes.FakeTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @RepeatedTest(20)
    void neverGrantsTwoPermitsCloserThanTheInterval(RepetitionInfo repetition) throws InterruptedException {
        Random random = new Random(7_000L + repetition.getCurrentRepetition());
        double rate = 1 + random.nextInt(30);
        FakeTime time = new FakeTime();
        RateLimiter limiter = new RateLimiter(rate, time, time);
        List<Instant> grants = new ArrayList<>();
        int calls = 5 + random.nextInt(60);
        for (int i = 0; i < calls; i++) {
            if (random.nextBoolean()) {
                time.advance(Duration.ofMillis(random.nextInt(200)));
            }
            limiter.acquire();
            grants.add(time.instant());
        }
        for (int i = 1; i < grants.size(); i++) {
            assertThat(Duration.between(grants.get(i - 1), grants.get(i))).isGreaterThanOrEqualTo(limiter.interval());
        }
    }

    @Test
    void fifteenCallsAtFifteenPerSecondTakeFourteenIntervals() throws InterruptedException {
        FakeTime time = new FakeTime();
        RateLimiter limiter = new RateLimiter(15, time, time);
        for (int i = 0; i < 15; i++) {
            limiter.acquire();
        }
        assertThat(time.slept()).isEqualTo(limiter.interval().multipliedBy(14));
    }

    @Test
    void refusesANonPositiveRate() {
        FakeTime time = new FakeTime();
        assertThatThrownBy(() -> new RateLimiter(0, time, time)).hasMessageContaining("rate must be positive");
    }
}
