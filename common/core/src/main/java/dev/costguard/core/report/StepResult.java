package dev.costguard.core.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The record of one step of a run: what it was, how it ended, why, when it started and how long it took.
 * A step that fans out (one call per function, per service) carries one item per target.
 */
public record StepResult(String name, StepStatus status, String detail, Instant startedAt,
        @JsonIgnore Duration duration, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<StepResult> items) {

    public StepResult {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public static StepResult item(String name, StepStatus status, String detail, Instant startedAt, Duration duration) {
        return new StepResult(name, status, detail, startedAt, duration, List.of());
    }

    @JsonProperty("duration_ms")
    public long durationMs() {
        return duration.toMillis();
    }

    @JsonIgnore
    public boolean succeeded() {
        return status == StepStatus.SUCCEEDED;
    }

    @JsonIgnore
    public boolean failed() {
        return status == StepStatus.FAILED;
    }
}
