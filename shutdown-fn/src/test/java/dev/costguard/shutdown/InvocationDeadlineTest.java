package dev.costguard.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.fakes.FakeContext;
import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.time.Deadline;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class InvocationDeadlineTest {

    private final FakeTime time = new FakeTime();

    @Test
    void stepsEndTheReportReserveBeforeTheLambdaTimeout() {
        Deadline deadline = InvocationDeadline.of(FakeContext.remaining(180_000), time);

        assertThat(deadline.end()).isEqualTo(time.instant().plusSeconds(170));
        assertThat(deadline.forReport().end()).isEqualTo(time.instant().plusSeconds(179));
    }

    @Test
    void aRunWithLessThanItsReserveLeftHasNoTimeForSteps() {
        assertThat(InvocationDeadline.of(FakeContext.remaining(9_000), time).expired()).isTrue();
    }

    /** Quarkus's mock event server sends no deadline; its Context then answers a meaningless number. */
    @ParameterizedTest
    @ValueSource(ints = { 0, -1, Integer.MIN_VALUE, 900_001, Integer.MAX_VALUE })
    void aContextWithNoSensibleRemainingTimeGetsLambdasMaximum(int millis) {
        assertThat(InvocationDeadline.remaining(FakeContext.remaining(millis))).isEqualTo(Duration.ofMinutes(15));
        assertThat(InvocationDeadline.remaining(null)).isEqualTo(Duration.ofMinutes(15));
    }
}
