package dev.costguard.core.run;

import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.report.StepOutcome;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.time.Deadline;
import java.time.Duration;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepRunnerTest {

    private final FakeTime time = new FakeTime();

    @Test
    void continuePolicyRunsEveryStepAfterAFailure() {
        StepRunner runner = new StepRunner(FailurePolicy.CONTINUE, time);
        List<String> ran = new ArrayList<>();
        runner.run("one", () -> { ran.add("one"); return StepOutcome.succeeded("ok"); });
        runner.run("two", () -> { ran.add("two"); throw new CloudOperationException("StopInstances", "StopInstances i-1 failed: boom"); });
        runner.run("three", () -> { ran.add("three"); return StepOutcome.succeeded("ok"); });

        assertThat(ran).containsExactly("one", "two", "three");
        assertThat(runner.results()).extracting(StepResult::status)
                .containsExactly(StepStatus.SUCCEEDED, StepStatus.FAILED, StepStatus.SUCCEEDED);
        assertThat(runner.results().get(1).detail()).isEqualTo("StopInstances i-1 failed: boom");
    }

    @Test
    void abortPolicySkipsEveryStepAfterTheFirstFailure() {
        StepRunner runner = new StepRunner(FailurePolicy.ABORT, time);
        List<String> ran = new ArrayList<>();
        runner.run("start", () -> { ran.add("start"); return StepOutcome.failed("did not start"); });
        runner.run("health", () -> { ran.add("health"); return StepOutcome.succeeded("ok"); });

        assertThat(ran).containsExactly("start");
        assertThat(runner.aborted()).isTrue();
        assertThat(runner.results().get(1).status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(runner.results().get(1).detail()).contains("'start' failed");
    }

    @Test
    void recordsDurationFromTheClock() {
        StepRunner runner = new StepRunner(FailurePolicy.CONTINUE, time);
        StepResult result = runner.run("drain", () -> { time.sleep(Duration.ofSeconds(30)); return StepOutcome.succeeded("waited"); });
        assertThat(result.duration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anExceptionWithoutMessageIsNamedByItsType() {
        StepRunner runner = new StepRunner(FailurePolicy.CONTINUE, time);
        StepResult result = runner.run("x", () -> { throw new IllegalStateException(); });
        assertThat(result.detail()).isEqualTo("IllegalStateException");
    }

    @Test
    void handsAProducedValueToTheNextStepEvenWhenItsStepFailed() {
        StepRunner runner = new StepRunner(FailurePolicy.CONTINUE, time);
        Optional<Integer> read = runner.produce("read", () -> Produced.of(3, StepOutcome.failed("one of four unreadable")));
        Optional<Integer> none = runner.produce("broken", () -> { throw new IllegalStateException("boom"); });

        assertThat(read).contains(3);
        assertThat(none).isEmpty();
        assertThat(runner.results()).extracting(StepResult::status).containsExactly(StepStatus.FAILED, StepStatus.FAILED);
    }

    @Test
    void stepsReachedAfterTheDeadlineAreNotStartedAndFailWithNoTimeLeft() {
        for (FailurePolicy policy : FailurePolicy.values()) {
            Deadline deadline = Deadline.fromRemaining(time, Duration.ofSeconds(60), Duration.ofSeconds(10));
            StepRunner runner = new StepRunner(policy, time, deadline);
            List<String> ran = new ArrayList<>();
            runner.run("slow", () -> { ran.add("slow"); time.sleep(Duration.ofSeconds(55)); return StepOutcome.succeeded("done"); });
            runner.run("next", () -> { ran.add("next"); return StepOutcome.succeeded("ok"); });
            runner.run("last", () -> { ran.add("last"); return StepOutcome.succeeded("ok"); });

            assertThat(ran).as(policy.name()).containsExactly("slow");
            assertThat(runner.results()).as(policy.name()).extracting(StepResult::status)
                    .containsExactly(StepStatus.SUCCEEDED, StepStatus.FAILED, StepStatus.FAILED);
            assertThat(runner.results().get(2).detail()).isEqualTo(Deadline.NO_TIME);
        }
    }

    @Test
    void onlyAFailureUnderTheAbortPolicyAbortsTheRun() {
        StepRunner cont = new StepRunner(FailurePolicy.CONTINUE, time);
        cont.run("one", () -> StepOutcome.failed("broke"));
        assertThat(cont.aborted()).isFalse();

        StepRunner abort = new StepRunner(FailurePolicy.ABORT, time);
        abort.run("one", () -> StepOutcome.succeeded("ok"));
        abort.run("two", () -> StepOutcome.skipped("nothing to do"));
        assertThat(abort.aborted()).isFalse();
    }

    @Test
    void aDeliberateSkipIsRecordedAndHandedBack() {
        StepRunner runner = new StepRunner(FailurePolicy.CONTINUE, time);
        StepResult skipped = runner.skip("health-check", "no health URL configured");

        assertThat(skipped.name()).isEqualTo("health-check");
        assertThat(skipped.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(skipped.detail()).isEqualTo("no health URL configured");
        assertThat(skipped.startedAt()).isEqualTo(time.instant());
        assertThat(runner.results()).containsExactly(skipped);
    }

    @Test
    void handsOutTheDeadlineItRunsUnder() {
        Deadline deadline = Deadline.fromRemaining(time, Duration.ofSeconds(60), Duration.ofSeconds(10));
        assertThat(new StepRunner(FailurePolicy.ABORT, time, deadline).deadline()).isSameAs(deadline);
    }

    @Test
    void anInterruptedStepFailsAndTheInterruptIsKeptForTheCaller() {
        StepRunner runner = new StepRunner(FailurePolicy.CONTINUE, time);
        try {
            StepResult result = runner.run("wait", () -> { throw new InterruptedException("sleep interrupted"); });

            assertThat(result.status()).isEqualTo(StepStatus.FAILED);
            assertThat(result.detail()).isEqualTo("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
