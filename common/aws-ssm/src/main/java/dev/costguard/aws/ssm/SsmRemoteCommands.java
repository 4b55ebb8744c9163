package dev.costguard.aws.ssm;

import dev.costguard.aws.AwsCall;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.CommandInvocation;
import dev.costguard.core.ports.CommandStatus;
import dev.costguard.core.ports.RemoteCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;
import software.amazon.awssdk.services.ssm.model.InvocationDoesNotExistException;

/** Shell commands through SSM Run Command's AWS-RunShellScript document. */
@ApplicationScoped
public class SsmRemoteCommands implements RemoteCommands {

    static final String SHELL_DOCUMENT = "AWS-RunShellScript";
    /** SendCommand rejects a longer comment. */
    static final int MAX_COMMENT = 100;
    static final int MAX_STDERR_EXCERPT = 300;

    private final SsmClient ssm;

    @Inject
    public SsmRemoteCommands(SsmClient ssm) {
        this.ssm = ssm;
    }

    @Override
    public String sendShell(String instanceId, List<String> lines, String comment) {
        return AwsCall.run("SendCommand", instanceId, () -> ssm.sendCommand(r -> r
                        .documentName(SHELL_DOCUMENT)
                        .instanceIds(instanceId)
                        .parameters(Map.of("commands", List.copyOf(lines)))
                        .comment(truncate(comment, MAX_COMMENT))))
                .command().commandId();
    }

    @Override
    public CommandInvocation invocation(String commandId, String instanceId) {
        return AwsCall.run("GetCommandInvocation", commandId + " on " + instanceId, () -> {
            try {
                return toInvocation(ssm.getCommandInvocation(r -> r.commandId(commandId).instanceId(instanceId)));
            } catch (InvocationDoesNotExistException e) {
                // Right after SendCommand, SSM has not registered the invocation yet: keep polling.
                return new CommandInvocation(CommandStatus.NOT_YET_VISIBLE, "SSM does not know the invocation yet");
            }
        });
    }

    private static CommandInvocation toInvocation(GetCommandInvocationResponse response) {
        CommandStatus status = statusOf(response);
        String detail = response.statusDetails() == null ? response.statusAsString() : response.statusDetails();
        String stderr = response.standardErrorContent();
        if (status == CommandStatus.FAILED && stderr != null && !stderr.isBlank()) {
            detail += ": " + stderrExcerpt(stderr);
        }
        return new CommandInvocation(status, detail);
    }

    private static CommandStatus statusOf(GetCommandInvocationResponse response) {
        if (response.status() == null) {
            throw unknownStatus(response);
        }
        return switch (response.status()) {
            case PENDING -> CommandStatus.PENDING;
            case IN_PROGRESS -> CommandStatus.IN_PROGRESS;
            case DELAYED -> CommandStatus.DELAYED;
            case CANCELLING -> CommandStatus.CANCELLING;
            case SUCCESS -> CommandStatus.SUCCESS;
            case CANCELLED -> CommandStatus.CANCELLED;
            case TIMED_OUT -> CommandStatus.TIMED_OUT;
            case FAILED -> CommandStatus.FAILED;
            case UNKNOWN_TO_SDK_VERSION -> throw unknownStatus(response);
        };
    }

    /** Guessing whether a new status is terminal could end a poll too early or never; failing says why. */
    private static CloudOperationException unknownStatus(GetCommandInvocationResponse response) {
        return new CloudOperationException("GetCommandInvocation", "GetCommandInvocation " + response.commandId()
                + " returned a status this code does not know: " + response.statusAsString());
    }

    /** The end of stderr, on one line: with `set -e` the last lines are the ones that say what broke. */
    private static String stderrExcerpt(String stderr) {
        String oneLine = stderr.strip().replaceAll("\\s*\\R\\s*", " | ");
        return oneLine.length() <= MAX_STDERR_EXCERPT
                ? oneLine
                : "..." + oneLine.substring(oneLine.length() - MAX_STDERR_EXCERPT);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
