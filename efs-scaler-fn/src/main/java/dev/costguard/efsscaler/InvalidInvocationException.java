package dev.costguard.efsscaler;

/** An invocation payload the scaler will not act on; the message says what is wrong with it. */
public class InvalidInvocationException extends IllegalArgumentException {

    public InvalidInvocationException(String message) {
        super(message);
    }
}
