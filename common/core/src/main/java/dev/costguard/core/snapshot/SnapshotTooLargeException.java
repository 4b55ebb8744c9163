package dev.costguard.core.snapshot;

/** A snapshot that no SSM parameter can hold, even compressed. */
public class SnapshotTooLargeException extends IllegalStateException {

    public SnapshotTooLargeException(String message) {
        super(message);
    }
}
