package dev.costguard.core.run;

/** What a run does after a failed step. */
public enum FailurePolicy {
    /** Record the failure and run the next step anyway (the kill switch: stop as much spending as possible). */
    CONTINUE,
    /** Stop at the first failure and report every later step as SKIPPED (recovery: never restore half a service). */
    ABORT
}
