package dev.costguard.batch;

/** The process exit codes; any non-zero one fails the ECS task and so the Step Functions state. */
public enum ExitCode {
    SUCCEEDED(0),
    /** The aggregation failed and was rolled back (a retry is safe). */
    FAILED(1),
    /**
     * A bad argument or setting, or an API table the job cannot read as it must: nothing was written, a retry cannot
     * help (the state machine does not retry it).
     */
    USAGE(2),
    /** The database did not answer within the configured attempts. */
    DATABASE_UNREACHABLE(3),
    /** SIGTERM (ECS StopTask, Spot reclaim, scale-in): the transaction was rolled back. 128 + 15, like a shell. */
    TERMINATED(143);

    public final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
