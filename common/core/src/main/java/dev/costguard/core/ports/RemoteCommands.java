package dev.costguard.core.ports;

import java.time.Duration;
import java.util.List;

/** Shell commands run on an instance through SSM Run Command. */
public interface RemoteCommands {

    /**
     * Sends the shell lines to the instance and returns the command id. {@code timeout} is the command's own limit:
     * SSM drops it if it has not started by then, and the host stops it once it has run that long, so a command the
     * caller gave up on cannot run much later (e.g. after a quick manual recovery).
     */
    String sendShell(String instanceId, List<String> lines, String comment, Duration timeout);

    /**
     * Waits until the command has ended on the instance, or until {@code timeout} (capped to the run's deadline) has
     * passed, and returns the last status seen: terminal when it ended, not terminal when the wait gave up.
     * Throws {@link CloudOperationException} when a poll fails outright or no time is left to wait.
     */
    CommandInvocation awaitCompletion(String commandId, String instanceId, Duration timeout);

    /** Asks SSM to cancel the command on the instance; a command already finished stays as it ended. */
    void cancel(String commandId, String instanceId);
}
