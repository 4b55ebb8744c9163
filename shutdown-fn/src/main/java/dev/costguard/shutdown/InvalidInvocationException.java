package dev.costguard.shutdown;

/** An invocation payload the kill switch will not act on; the message says what is wrong with it. */
public class InvalidInvocationException extends IllegalArgumentException {

    public InvalidInvocationException(String message) {
        super(message);
    }
}
