package dev.costguard.core.time;

import java.time.Clock;
import java.time.Duration;

/**
 * The deadline of the run in progress, shared between the flow that sets it and the AWS clients that cap each
 * call's timeout to it. A Lambda container runs one invocation at a time, so one holder per container is enough.
 */
public final class CurrentDeadline {

    private final Clock clock;
    private volatile Deadline deadline;

    public CurrentDeadline(Clock clock) {
        this.clock = clock;
        this.deadline = Deadline.unbounded(clock);
    }

    public void set(Deadline deadline) {
        this.deadline = deadline;
    }

    /** Back to no limit, once a run is over. */
    public void clear() {
        this.deadline = Deadline.unbounded(clock);
    }

    public Deadline get() {
        return deadline;
    }

    /** A call's timeout: the configured one, or what the run has left if that is shorter. */
    public Duration capCall(Duration configured) {
        return deadline.cap(configured);
    }
}
