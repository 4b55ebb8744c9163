package dev.costguard.core.report;

/** How a whole run ended. */
public enum RunOutcome {
    /** Every step that ran succeeded. */
    SUCCEEDED,
    /** At least one step failed. */
    FAILED,
    /** There was nothing to do (or a dry run): nothing was changed and nothing failed. */
    SKIPPED
}
