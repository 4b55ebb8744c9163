package dev.costguard.core.run;

import dev.costguard.core.report.StepOutcome;

/**
 * What a step hands to the next one, with its own outcome. A failed step may still produce a value (a snapshot
 * with unknown items, sizes read for some services), so the value is kept whatever the status.
 */
public record Produced<T>(T value, StepOutcome outcome) {

    public static <T> Produced<T> of(T value, StepOutcome outcome) {
        return new Produced<>(value, outcome);
    }

    /** Nothing to hand on, e.g. a failure before anything was read. */
    public static <T> Produced<T> nothing(StepOutcome outcome) {
        return new Produced<>(null, outcome);
    }
}
