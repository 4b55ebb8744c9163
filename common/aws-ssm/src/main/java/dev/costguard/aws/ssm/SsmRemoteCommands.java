package dev.costguard.aws.ssm;

import dev.costguard.aws.AwsCall;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.CommandInvocation;
import dev.costguard.core.ports.CommandStatus;
import dev.costguard.core.ports.RemoteCommands;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationRequest;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;
import software.amazon.awssdk.services.ssm.model.InvocationDoesNotExistException;
import software.amazon.awssdk.services.ssm.waiters.SsmWaiter;

/**
 * Shell commands through SSM Run Command's AWS-RunShellScript document; waits with the SDK's CommandExecuted waiter
 * (which already retries while SSM answers InvocationDoesNotExist), capped to the run's deadline.
 */
@ApplicationScoped
public class SsmRemoteCommands implements RemoteCommands {

    static final String SHELL_DOCUMENT = "AWS-RunShellScript";
    /** SendCommand rejects a longer comment. */
    static final int MAX_COMMENT = 100;
    static final int MAX_STDERR_EXCERPT = 300;
    /** SendCommand refuses a TimeoutSeconds below 30. */
    static final int MIN_TIMEOUT_SECONDS = 30;
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

    private final SsmClient ssm;
    private final CurrentDeadline deadline;
    private final SsmWaiter waiter;
    private final BackoffStrategy pollEvery;

    @Inject
    public SsmRemoteCommands(SsmClient ssm, CurrentDeadline deadline) {
        this(ssm, deadline, DEFAULT_POLL_INTERVAL);
    }

    /** For tests: a zero poll interval keeps waits free of wall-clock time. */
    public SsmRemoteCommands(SsmClient ssm, CurrentDeadline deadline, Duration pollInterval) {
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("poll interval must not be negative: " + pollInterval);
        }
        this.ssm = ssm;
        this.deadline = deadline;
        this.waiter = SsmWaiter.builder().client(ssm).build();
        // The SDK's fixed-delay strategy refuses a zero delay; polling back to back is what zero means.
        this.pollEvery = pollInterval.isZero()
                ? BackoffStrategy.retryImmediately()
                : BackoffStrategy.fixedDelayWithoutJitter(pollInterval);
    }

    @Override
    public String sendShell(String instanceId, List<String> lines, String comment, Duration timeout) {
        long seconds = Math.max(1, timeout.toSeconds());
        return AwsCall.run("SendCommand", instanceId, () -> ssm.sendCommand(r -> r
                        .documentName(SHELL_DOCUMENT)
                        .instanceIds(instanceId)
                        // The document's own limit on how long the script may run on the host.
                        .parameters(Map.of("commands", List.copyOf(lines),
                                "executionTimeout", List.of(Long.toString(seconds))))
                        // How long SSM may hold the command before it starts; past that it never runs.
                        .timeoutSeconds((int) Math.max(MIN_TIMEOUT_SECONDS, seconds))
                        .comment(truncate(comment, MAX_COMMENT))))
                .command().commandId();
    }

    @Override
    public CommandInvocation awaitCompletion(String commandId, String instanceId, Duration timeout) {
        String target = commandId + " on " + instanceId;
        Duration capped = deadline.capCall(timeout);
        if (capped.isZero()) {
            throw new CloudOperationException("wait for command", "wait for command " + target + " failed: "
                    + Deadline.NO_TIME);
        }
        GetCommandInvocationRequest request = GetCommandInvocationRequest.builder()
                .commandId(commandId).instanceId(instanceId).build();
        try {
            return waiter.waitUntilCommandExecuted(request, waitingAtMost(capped)).matched().response()
                    .map(SsmRemoteCommands::toInvocation)
                    .orElseGet(() -> invocation(commandId, instanceId));
        } catch (SdkException e) {
            // A poll that failed outright (access denied, throttled past the retries) keeps AWS's own error code.
            if (e.getCause() instanceof SdkException cause) {
                throw AwsCall.translate("GetCommandInvocation", target, cause);
            }
            // The waiter ended on a failure status or its timeout without saying which: ask once for the last state.
            try {
                return invocation(commandId, instanceId);
            } catch (CloudOperationException last) {
                throw new CloudOperationException("wait for command", "command " + target + " did not finish within "
                        + capped.toSeconds() + " s and its status could not be read afterwards: " + last.getMessage());
            }
        }
    }

    @Override
    public void cancel(String commandId, String instanceId) {
        AwsCall.run("CancelCommand", commandId + " on " + instanceId,
                () -> ssm.cancelCommand(r -> r.commandId(commandId).instanceIds(instanceId)));
    }

    CommandInvocation invocation(String commandId, String instanceId) {
        return AwsCall.run("GetCommandInvocation", commandId + " on " + instanceId, () -> {
            try {
                return toInvocation(ssm.getCommandInvocation(r -> r.commandId(commandId).instanceId(instanceId)));
            } catch (InvocationDoesNotExistException e) {
                return new CommandInvocation(CommandStatus.NOT_YET_VISIBLE, "SSM does not know the invocation yet");
            }
        });
    }

    private WaiterOverrideConfiguration waitingAtMost(Duration timeout) {
        return WaiterOverrideConfiguration.builder()
                .waitTimeout(timeout)
                // The timeout alone decides: the SDK's default of 20 polls would cut a long wait short.
                .maxAttempts(Integer.MAX_VALUE)
                .backoffStrategyV2(pollEvery)
                .build();
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
