package dev.costguard.ecsscheduler;

/** An invocation payload the scheduler will not act on; the message says what is wrong with it. */
public class InvalidInvocationException extends IllegalArgumentException {

    public InvalidInvocationException(String message) {
        super(message);
    }
}
