package dev.costguard.core.run;

import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.report.StepOutcome;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import dev.costguard.core.time.Deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs named steps in order under a failure policy and a deadline, and keeps one result per step.
 * A step body that throws is a FAILED step carrying the exception's message; nothing escapes the runner.
 * A step reached after the deadline is not started: it is FAILED with {@link Deadline#NO_TIME}.
 * Steps hand typed values to later ones through {@link #produce}.
 */
public final class StepRunner {

    /** The body of a step. */
    @FunctionalInterface
    public interface Step {
        StepOutcome run() throws Exception;
    }

    /** The body of a step that hands a value to later steps. */
    @FunctionalInterface
    public interface ProducingStep<T> {
        Produced<T> run() throws Exception;
    }

    private final FailurePolicy policy;
    private final Clock clock;
    private final Deadline deadline;
    private final List<StepResult> results = new ArrayList<>();
    private String abortedBy;

    public StepRunner(FailurePolicy policy, Clock clock) {
        this(policy, clock, Deadline.unbounded(clock));
    }

    public StepRunner(FailurePolicy policy, Clock clock, Deadline deadline) {
        this.policy = policy;
        this.clock = clock;
        this.deadline = deadline;
    }

    public StepResult run(String name, Step step) {
        int index = results.size();
        produce(name, () -> Produced.nothing(step.run()));
        return results.get(index);
    }

    /**
     * Runs a step that hands a value on. The value is returned whatever the step's status (empty when the step
     * threw, was skipped, or had no time); the caller decides what a later step may do with it.
     */
    public <T> Optional<T> produce(String name, ProducingStep<T> step) {
        if (abortedBy != null) {
            skip(name, "not run: step '" + abortedBy + "' failed");
            return Optional.empty();
        }
        Instant start = clock.instant();
        if (deadline.expired()) {
            // Not an abort: under either policy every later step is also out of time and says so.
            results.add(new StepResult(name, StepStatus.FAILED, Deadline.NO_TIME, start, Duration.ZERO, List.of()));
            return Optional.empty();
        }
        StepOutcome outcome;
        T value = null;
        try {
            Produced<T> produced = step.run();
            outcome = produced.outcome();
            value = produced.value();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = StepOutcome.failed("interrupted");
        } catch (Exception e) {
            outcome = StepOutcome.failed(describe(e));
        }
        StepResult result = new StepResult(name, outcome.status(), outcome.detail(), start,
                Duration.between(start, clock.instant()), outcome.items());
        results.add(result);
        if (result.failed() && policy == FailurePolicy.ABORT) {
            abortedBy = name;
        }
        return Optional.ofNullable(value);
    }

    /** Records a step that deliberately did nothing. */
    public StepResult skip(String name, String reason) {
        Instant now = clock.instant();
        StepResult result = new StepResult(name, StepStatus.SKIPPED, reason, now, Duration.ZERO, List.of());
        results.add(result);
        return result;
    }

    public Deadline deadline() {
        return deadline;
    }

    public boolean aborted() {
        return abortedBy != null;
    }

    public List<StepResult> results() {
        return List.copyOf(results);
    }

    /** A message that names the failure even when the exception has none. */
    public static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof CloudOperationException ? message : e.getClass().getSimpleName() + ": " + message;
    }
}
