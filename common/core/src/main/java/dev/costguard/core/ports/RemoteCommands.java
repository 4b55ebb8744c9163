package dev.costguard.core.ports;

import java.util.List;

/** Shell commands run on an instance through SSM Run Command. */
public interface RemoteCommands {

    /** Sends the shell lines to the instance and returns the command id. */
    String sendShell(String instanceId, List<String> lines, String comment);

    CommandInvocation invocation(String commandId, String instanceId);
}
