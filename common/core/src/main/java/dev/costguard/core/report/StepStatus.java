package dev.costguard.core.report;

/** How one step (or one item inside a step) ended. */
public enum StepStatus {
    SUCCEEDED,
    FAILED,
    SKIPPED
}
