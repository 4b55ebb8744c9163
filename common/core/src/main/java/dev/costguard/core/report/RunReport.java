package dev.costguard.core.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one run did: which function, what triggered it, every step, the overall outcome,
 * and (once sent) whether the notification went out. This is what is logged, published and returned.
 */
@JsonPropertyOrder({ "function", "trigger", "dry_run", "outcome", "overall_success", "summary", "started_at",
        "duration_ms", "steps", "notification" })
public record RunReport(String function, String trigger, boolean dryRun, RunOutcome outcome, String summary,
        Instant startedAt, @JsonIgnore Duration duration, List<StepResult> steps, StepResult notification) {

    public RunReport {
        steps = List.copyOf(steps);
    }

    /**
     * Builds a report whose outcome follows from its steps: FAILED if one failed, SKIPPED if none did anything
     * (or the flow says there was nothing to do), SUCCEEDED otherwise.
     */
    public static RunReport of(String function, String trigger, boolean dryRun, boolean nothingToDo, String summary,
            Instant startedAt, Instant finishedAt, List<StepResult> steps) {
        boolean anyFailed = steps.stream().anyMatch(StepResult::failed);
        boolean allSkipped = steps.stream().allMatch(s -> s.status() == StepStatus.SKIPPED);
        RunOutcome outcome = anyFailed ? RunOutcome.FAILED
                : (nothingToDo || allSkipped) ? RunOutcome.SKIPPED : RunOutcome.SUCCEEDED;
        return new RunReport(function, trigger, dryRun, outcome, summary, startedAt,
                Duration.between(startedAt, finishedAt), steps, null);
    }

    /** True only when no step failed. */
    @JsonProperty("overall_success")
    public boolean overallSuccess() {
        return steps.stream().noneMatch(StepResult::failed);
    }

    @JsonProperty("duration_ms")
    public long durationMs() {
        return duration.toMillis();
    }

    public RunReport withNotification(StepResult sent) {
        return new RunReport(function, trigger, dryRun, outcome, summary, startedAt, duration, steps, sent);
    }

    /** The first failed step, for one-line summaries. */
    @JsonIgnore
    public java.util.Optional<StepResult> firstFailure() {
        return steps.stream().filter(StepResult::failed).findFirst();
    }

    public long count(StepStatus status) {
        return steps.stream().filter(s -> s.status() == status).count();
    }
}
