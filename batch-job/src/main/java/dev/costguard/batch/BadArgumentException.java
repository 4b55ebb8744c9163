package dev.costguard.batch;

/** A command-line argument the job refuses; the message names the problem and the expected form. */
public class BadArgumentException extends Exception {

    public BadArgumentException(String message) {
        super(message);
    }
}
