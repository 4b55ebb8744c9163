package dev.costguard.recovery;

import com.amazonaws.services.lambda.runtime.Context;
import dev.costguard.core.time.Deadline;
import java.time.Clock;
import java.time.Duration;

/** The run's deadline from the Lambda Context, keeping a reserve so the report goes out before Lambda ends the run. */
final class RemainingTime {

    /** Time kept for logging and publishing the report (one SNS call, its retries included). */
    static final Duration REPORT_RESERVE = Duration.ofSeconds(10);

    /** Lambda's longest timeout; no real Context reports more. */
    static final Duration LAMBDA_MAXIMUM = Deadline.LAMBDA_MAXIMUM;

    private RemainingTime() {
    }

    /**
     * Quarkus's mock event server sends no Lambda-Runtime-Deadline-Ms header, so its Context counts down from 0 and
     * reports a negative or overflowed value. Anything outside (0, 15 min] is not a real deadline: the run then gets
     * Lambda's longest timeout rather than none, so a hanging call is still cut somewhere.
     */
    static Deadline deadline(Clock clock, Context context) {
        return Deadline.forInvocation(clock, context == null ? -1 : context.getRemainingTimeInMillis(), REPORT_RESERVE);
    }
}
