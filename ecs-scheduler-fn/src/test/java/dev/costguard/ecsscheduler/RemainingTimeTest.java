package dev.costguard.ecsscheduler;

import static dev.costguard.core.fakes.FakeContext.remaining;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The handler's reading of the Lambda Context: a real remaining time is used, anything Lambda cannot mean is not. */
class RemainingTimeTest {

    @ParameterizedTest
    @ValueSource(ints = { 1, 59_000, 900_000 })
    void aRemainingTimeLambdaCanMeanIsUsed(int millis) {
        assertThat(EcsSchedulerHandler.remaining(remaining(millis))).isEqualTo(Duration.ofMillis(millis));
    }

    /** Quarkus's mock event server sends no deadline, so its Context answers "0 minus now" cut to an int. */
    @ParameterizedTest
    @ValueSource(ints = { 0, -1, Integer.MIN_VALUE, 900_001, Integer.MAX_VALUE })
    void anythingElseIsTheFunctionsOwnTimeout(int millis) {
        assertThat(EcsSchedulerHandler.remaining(remaining(millis))).isEqualTo(EcsSchedulerHandler.ASSUMED_TIMEOUT);
    }

    @Test
    void noContextIsTheFunctionsOwnTimeout() {
        assertThat(EcsSchedulerHandler.remaining(null)).isEqualTo(Duration.ofSeconds(60));
    }
}
