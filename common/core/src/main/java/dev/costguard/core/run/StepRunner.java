package dev.costguard.core.run;

import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.report.StepOutcome;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs named steps in order under a failure policy and keeps one result per step.
 * A step body that throws is a FAILED step carrying the exception's message; nothing escapes the runner.
 */
public final class StepRunner {

    /** The body of a step. */
    @FunctionalInterface
    public interface Step {
        StepOutcome run() throws Exception;
    }

    private final FailurePolicy policy;
    private final Clock clock;
    private final List<StepResult> results = new ArrayList<>();
    private String abortedBy;

    public StepRunner(FailurePolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    public StepResult run(String name, Step step) {
        if (abortedBy != null) {
            return skip(name, "not run: step '" + abortedBy + "' failed");
        }
        Instant start = clock.instant();
        StepOutcome outcome;
        try {
            outcome = step.run();
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
        return result;
    }

    /** Records a step that deliberately did nothing. */
    public StepResult skip(String name, String reason) {
        Instant now = clock.instant();
        StepResult result = new StepResult(name, StepStatus.SKIPPED, reason, now, Duration.ZERO, List.of());
        results.add(result);
        return result;
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
