package dev.costguard.core.ports;

/** SSM Run Command invocation states, plus NOT_YET_VISIBLE for the moments before AWS knows the invocation. */
public enum CommandStatus {
    NOT_YET_VISIBLE(false), PENDING(false), IN_PROGRESS(false), DELAYED(false), CANCELLING(false),
    SUCCESS(true), CANCELLED(true), TIMED_OUT(true), FAILED(true);

    private final boolean terminal;

    CommandStatus(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean terminal() {
        return terminal;
    }
}
