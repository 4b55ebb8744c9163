package dev.costguard.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a run must stop working so its report still goes out before Lambda ends it. Built from the Lambda
 * Context's remaining time: steps get that time minus a reserve; the report gets the reserve
 * ({@link #forReport()}). Every wait, poll and call timeout is capped with {@link #cap(Duration)}.
 */
public final class Deadline {

    /** The detail of a step, item or call that had no time left. */
    public static final String NO_TIME = "no time left before the Lambda timeout";

    /** Lambda's longest timeout: no real invocation has more time left than this. */
    public static final Duration LAMBDA_MAXIMUM = Duration.ofMinutes(15);

    // Lambda cuts a run off at its timeout; a last second keeps the report's own publish clear of that edge.
    private static final Duration LAST_MARGIN = Duration.ofSeconds(1);

    private final Clock clock;
    private final Instant end;
    private final Instant reportEnd;

    private Deadline(Clock clock, Instant end, Instant reportEnd) {
        this.clock = clock;
        this.end = end;
        this.reportEnd = reportEnd;
    }

    /** Steps may run until {@code remaining - reportReserve} from now; the report until just before the end. */
    public static Deadline fromRemaining(Clock clock, Duration remaining, Duration reportReserve) {
        Instant now = clock.instant();
        Instant hardEnd = now.plus(remaining).minus(LAST_MARGIN);
        Instant stepsEnd = now.plus(remaining).minus(reportReserve);
        return new Deadline(clock, stepsEnd.isAfter(hardEnd) ? hardEnd : stepsEnd, hardEnd);
    }

    /**
     * From a Lambda Context's remaining time. A value outside (0, 15 min] is no real deadline (Quarkus's mock event
     * server sends none, and its Context then answers a meaningless number): Lambda's longest timeout is assumed, so
     * a hanging call is still cut somewhere.
     */
    public static Deadline forInvocation(Clock clock, long remainingMillis, Duration reportReserve) {
        return fromRemaining(clock, invocationTime(remainingMillis), reportReserve);
    }

    /** The time an invocation has, from the Context's remaining milliseconds (see {@link #forInvocation}). */
    public static Duration invocationTime(long remainingMillis) {
        return remainingMillis > 0 && remainingMillis <= LAMBDA_MAXIMUM.toMillis() ? Duration.ofMillis(remainingMillis)
                : LAMBDA_MAXIMUM;
    }

    /** No limit: for a caller outside Lambda (benchmarks, tests that are not about time). */
    public static Deadline unbounded(Clock clock) {
        return new Deadline(clock, Instant.MAX, Instant.MAX);
    }

    /** The deadline of the report that follows the steps: the reserve kept for it is now available. */
    public Deadline forReport() {
        return new Deadline(clock, reportEnd, reportEnd);
    }

    public Instant end() {
        return end;
    }

    /** Time left, never negative. */
    public Duration remaining() {
        if (end.equals(Instant.MAX)) {
            return Duration.ofSeconds(Long.MAX_VALUE / 2);
        }
        Duration left = Duration.between(clock.instant(), end);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean expired() {
        return remaining().isZero();
    }

    /** The wanted duration, or what is left if that is shorter. */
    public Duration cap(Duration wanted) {
        Duration left = remaining();
        return wanted.compareTo(left) <= 0 ? wanted : left;
    }

    /** True when {@code wanted} fits in the time left. */
    public boolean allows(Duration wanted) {
        return wanted.compareTo(remaining()) <= 0;
    }

    @Override
    public String toString() {
        return end.equals(Instant.MAX) ? "no deadline" : "deadline " + end + " (" + remaining().toMillis() + " ms left)";
    }
}
