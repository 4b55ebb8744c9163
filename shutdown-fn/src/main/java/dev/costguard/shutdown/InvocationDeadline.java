package dev.costguard.shutdown;

import com.amazonaws.services.lambda.runtime.Context;
import dev.costguard.core.time.Deadline;
import java.time.Clock;
import java.time.Duration;

/** The run's deadline from the Lambda Context, keeping a reserve for logging and publishing the report. */
final class InvocationDeadline {

    /** Logging the report and one capped SNS publish. */
    static final Duration REPORT_RESERVE = Duration.ofSeconds(10);
    /** Lambda's longest timeout; a Context claiming more (or nothing) is not Lambda's own. */
    static final Duration LAMBDA_MAX = Deadline.LAMBDA_MAXIMUM;

    private InvocationDeadline() {
    }

    /**
     * A Context whose remaining time is not positive or exceeds Lambda's maximum is not a real invocation's (Quarkus's
     * mock event server sends no deadline, and its Context then answers a meaningless number): Lambda's maximum is
     * assumed, so such a run is still bounded.
     */
    static Deadline of(Context context, Clock clock) {
        return Deadline.forInvocation(clock, context == null ? 0 : context.getRemainingTimeInMillis(), REPORT_RESERVE);
    }

    /** The time the run is given, before the reserve: what {@link #of} starts from. */
    static Duration remaining(Context context) {
        return Deadline.invocationTime(context == null ? 0 : context.getRemainingTimeInMillis());
    }
}
