package dev.costguard.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.fakes.FakeTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private final FakeTime time = new FakeTime();

    @Test
    void stepsGetTheRemainingTimeLessTheReportReserve() {
        Deadline deadline = Deadline.fromRemaining(time, Duration.ofSeconds(180), Duration.ofSeconds(10));
        assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(170));
        assertThat(deadline.cap(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
        time.advance(Duration.ofSeconds(165));
        assertThat(deadline.cap(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(5));
        assertThat(deadline.allows(Duration.ofSeconds(6))).isFalse();
        time.advance(Duration.ofSeconds(6));
        assertThat(deadline.expired()).isTrue();
        assertThat(deadline.remaining()).isEqualTo(Duration.ZERO);
    }

    @Test
    void theReportMayUseTheReserveButNotTheLastSecond() {
        Deadline deadline = Deadline.fromRemaining(time, Duration.ofSeconds(60), Duration.ofSeconds(8));
        time.advance(Duration.ofSeconds(55));
        assertThat(deadline.expired()).isTrue();
        assertThat(deadline.forReport().remaining()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void aReserveLargerThanTheTimeLeftLeavesStepsNoTime() {
        Deadline deadline = Deadline.fromRemaining(time, Duration.ofSeconds(3), Duration.ofSeconds(10));
        assertThat(deadline.expired()).isTrue();
        assertThat(deadline.forReport().remaining()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void unboundedNeverExpiresAndCapsNothing() {
        Deadline deadline = Deadline.unbounded(time);
        time.advance(Duration.ofDays(3650));
        assertThat(deadline.expired()).isFalse();
        assertThat(deadline.cap(Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void currentDeadlineCapsCallsUntilCleared() {
        CurrentDeadline current = new CurrentDeadline(time);
        assertThat(current.capCall(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
        current.set(Deadline.fromRemaining(time, Duration.ofSeconds(5), Duration.ZERO));
        assertThat(current.capCall(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(4));
        current.clear();
        assertThat(current.capCall(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void anInvocationWithoutARealRemainingTimeGetsLambdasLongestTimeoutNotNone() {
        assertThat(Deadline.invocationTime(180_000)).isEqualTo(Duration.ofSeconds(180));
        assertThat(Deadline.invocationTime(0)).isEqualTo(Deadline.LAMBDA_MAXIMUM);
        assertThat(Deadline.invocationTime(-5)).isEqualTo(Deadline.LAMBDA_MAXIMUM);
        assertThat(Deadline.invocationTime(Long.MAX_VALUE)).isEqualTo(Deadline.LAMBDA_MAXIMUM);
        assertThat(Deadline.forInvocation(time, -1, Duration.ofSeconds(10)).remaining())
                .isEqualTo(Duration.ofMinutes(15).minusSeconds(10));
    }

    @Test
    void aWaitOfExactlyTheTimeLeftStillFits() {
        Deadline deadline = Deadline.fromRemaining(time, Duration.ofSeconds(30), Duration.ofSeconds(10));
        assertThat(deadline.allows(Duration.ofSeconds(20))).isTrue();
        assertThat(deadline.allows(Duration.ofSeconds(20).plusNanos(1))).isFalse();
    }

    @Test
    void endIsWhenTheStepsMustStop() {
        Deadline deadline = Deadline.fromRemaining(time, Duration.ofSeconds(180), Duration.ofSeconds(10));
        assertThat(deadline.end()).isEqualTo(time.instant().plusSeconds(170));
        assertThat(deadline.forReport().end()).isEqualTo(time.instant().plusSeconds(179));
        assertThat(Deadline.unbounded(time).end()).isEqualTo(Instant.MAX);
    }

    @Test
    void describesItselfForTheRunsLog() {
        Deadline deadline = Deadline.fromRemaining(time, Duration.ofSeconds(180), Duration.ofSeconds(10));
        time.advance(Duration.ofMillis(1500));
        assertThat(deadline).hasToString("deadline 2026-11-01T00:02:50Z (168500 ms left)");
        assertThat(Deadline.unbounded(time)).hasToString("no deadline");
    }

    @Test
    void currentDeadlineHandsOutTheDeadlineSetUntilCleared() {
        CurrentDeadline current = new CurrentDeadline(time);
        assertThat(current.get().end()).isEqualTo(Instant.MAX);
        Deadline deadline = Deadline.fromRemaining(time, Duration.ofSeconds(60), Duration.ofSeconds(10));
        current.set(deadline);
        assertThat(current.get()).isSameAs(deadline);
        current.clear();
        assertThat(current.get().end()).isEqualTo(Instant.MAX);
    }
}
