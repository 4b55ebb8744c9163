package dev.costguard.core.input;

/** A trigger payload that cannot be acted on; the message names the problem and quotes the expected shape. */
public class InvalidInputException extends IllegalArgumentException {

    public InvalidInputException(String message) {
        super(message);
    }
}
