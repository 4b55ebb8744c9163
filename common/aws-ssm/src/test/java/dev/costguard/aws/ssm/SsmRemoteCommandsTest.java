package dev.costguard.aws.ssm;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.costguard.aws.JsonWire;
import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.CommandInvocation;
import dev.costguard.core.ports.CommandStatus;
import dev.costguard.core.time.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ssm.SsmClient;

class SsmRemoteCommandsTest {

    private static final int MAX_ATTEMPTS = 3;
    private static final String INSTANCE = "i-0123456789abcdef0";
    private static final String COMMAND_ID = "0b5c9a3e-2f6d-4c1a-9e8b-7d6f5a4b3c2d";

    private static final JsonWire ssm = new JsonWire("AmazonSSM.", "message");

    @RegisterExtension
    static final LocalAws aws = new LocalAws(MAX_ATTEMPTS);
    private static final SsmClient client = aws.client(SsmClient.builder());
    private static final SsmRemoteCommands commands = new SsmRemoteCommands(client, aws.deadline(), Duration.ZERO);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void sendsTheShellLinesWithTheCommandsOwnTimeouts() {
        server().stubFor(ssm.operation("SendCommand").willReturn(ssm.json(
                "{\"Command\":{\"CommandId\":\"" + COMMAND_ID + "\",\"DocumentName\":\"AWS-RunShellScript\","
                        + "\"Status\":\"Pending\"}}")));

        String commandId = commands.sendShell(INSTANCE,
                List.of("set -e", "systemctl stop api.service"), "Cost Guard: stop the API", Duration.ofSeconds(60));

        assertThat(commandId).isEqualTo(COMMAND_ID);
        server().verify(1, ssm.called("SendCommand").withRequestBody(equalToJson("""
                {
                  "DocumentName": "AWS-RunShellScript",
                  "InstanceIds": ["i-0123456789abcdef0"],
                  "Parameters": {"commands": ["set -e", "systemctl stop api.service"], "executionTimeout": ["60"]},
                  "TimeoutSeconds": 60,
                  "Comment": "Cost Guard: stop the API"
                }""")));
    }

    @Test
    void aTimeoutBelowSsmsMinimumIsSentAsThirtySecondsButTheScriptKeepsItsOwnLimit() {
        server().stubFor(ssm.operation("SendCommand").willReturn(ssm.json("{\"Command\":{\"CommandId\":\"" + COMMAND_ID + "\"}}")));

        commands.sendShell(INSTANCE, List.of("true"), "c", Duration.ofSeconds(10));

        server().verify(1, ssm.called("SendCommand").withRequestBody(equalToJson(
                "{\"TimeoutSeconds\":30,\"Parameters\":{\"executionTimeout\":[\"10\"]}}", false, true)));
    }

    @Test
    void cutsTheCommentToSsmsHundredCharacters() {
        server().stubFor(ssm.operation("SendCommand").willReturn(ssm.json("{\"Command\":{\"CommandId\":\"" + COMMAND_ID + "\"}}")));

        commands.sendShell(INSTANCE, List.of("true"), "x".repeat(140), WAIT);

        server().verify(1, ssm.called("SendCommand").withRequestBody(equalToJson(
                "{\"Comment\":\"" + "x".repeat(100) + "\"}", false, true)));
    }

    @Test
    void theWaiterPollsThroughInvocationDoesNotExistAndInProgressUntilSuccess() {
        inTurn(ssm.error("InvocationDoesNotExist", ""), ssm.json(invocation("InProgress", "InProgress", "")),
                ssm.json(invocation("Success", "Success", "")));

        CommandInvocation invocation = commands.awaitCompletion(COMMAND_ID, INSTANCE, WAIT);

        assertThat(invocation).isEqualTo(new CommandInvocation(CommandStatus.SUCCESS, "Success"));
        server().verify(3, ssm.called("GetCommandInvocation").withRequestBody(equalToJson(
                "{\"CommandId\":\"" + COMMAND_ID + "\",\"InstanceId\":\"" + INSTANCE + "\"}")));
    }

    @Test
    void aFailedCommandCarriesTheEndOfItsStandardError() {
        server().stubFor(ssm.operation("GetCommandInvocation").willReturn(ssm.json(invocation("Failed", "Failed",
                "+ systemctl stop api.service\\nFailed to stop api.service: Unit api.service not loaded.\\n"))));

        CommandInvocation invocation = commands.awaitCompletion(COMMAND_ID, INSTANCE, WAIT);

        assertThat(invocation).isEqualTo(new CommandInvocation(CommandStatus.FAILED,
                "Failed: + systemctl stop api.service | Failed to stop api.service: Unit api.service not loaded."));
    }

    @Test
    void aLongStandardErrorIsCutToItsLastPart() {
        String noise = "warning: something unimportant\\n".repeat(40);
        server().stubFor(ssm.operation("GetCommandInvocation").willReturn(ssm.json(invocation("Failed", "Failed",
                noise + "fatal: the real reason"))));

        CommandInvocation invocation = commands.awaitCompletion(COMMAND_ID, INSTANCE, WAIT);

        assertThat(invocation.detail()).startsWith("Failed: ...").endsWith("fatal: the real reason")
                .hasSizeLessThanOrEqualTo("Failed: ...".length() + SsmRemoteCommands.MAX_STDERR_EXCERPT);
    }

    @Test
    void aTimedOutCommandReportsSsmsStatusDetails() {
        server().stubFor(ssm.operation("GetCommandInvocation").willReturn(ssm.json(invocation("TimedOut", "DeliveryTimedOut", ""))));

        assertThat(commands.awaitCompletion(COMMAND_ID, INSTANCE, WAIT))
                .isEqualTo(new CommandInvocation(CommandStatus.TIMED_OUT, "DeliveryTimedOut"));
    }

    @Test
    void givesUpAfterItsTimeoutAndReturnsTheStatusStillRunning() {
        server().stubFor(ssm.operation("GetCommandInvocation").willReturn(ssm.json(invocation("InProgress", "InProgress", ""))));

        CommandInvocation invocation = commands.awaitCompletion(COMMAND_ID, INSTANCE, Duration.ofMillis(300));

        assertThat(invocation.status()).isEqualTo(CommandStatus.IN_PROGRESS);
        assertThat(invocation.status().terminal()).isFalse();
    }

    @Test
    void theWaitEndsAtTheRunsDeadlineNotAtTheTimeoutAskedFor() {
        server().stubFor(ssm.operation("GetCommandInvocation").willReturn(ssm.json(invocation("Pending", "Pending", ""))));
        // 1.3 s remaining leaves 0.3 s of step time (the last second is kept for the report).
        aws.deadline().set(Deadline.fromRemaining(Clock.systemUTC(), Duration.ofMillis(1300), Duration.ZERO));

        // Asked to wait an hour: the deadline ends the wait (the last poll cut short or refused), not the hour.
        assertThatThrownBy(() -> commands.awaitCompletion(COMMAND_ID, INSTANCE, Duration.ofHours(1)))
                .isInstanceOf(CloudOperationException.class).hasMessageContaining(COMMAND_ID);
        server().verify(com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly(1),
                ssm.called("GetCommandInvocation"));
    }

    @Test
    void withNoTimeLeftNothingIsAsked() {
        aws.deadline().set(Deadline.fromRemaining(Clock.systemUTC(), Duration.ZERO, Duration.ZERO));

        assertThatThrownBy(() -> commands.awaitCompletion(COMMAND_ID, INSTANCE, WAIT))
                .isInstanceOf(CloudOperationException.class).hasMessageContaining(Deadline.NO_TIME);
        server().verify(0, ssm.called("GetCommandInvocation"));
    }

    @Test
    void aPollThatFailsOutrightKeepsAwsErrorCode() {
        server().stubFor(ssm.operation("GetCommandInvocation").willReturn(ssm.error("AccessDeniedException", "not allowed")));

        assertThatThrownBy(() -> commands.awaitCompletion(COMMAND_ID, INSTANCE, WAIT))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.getMessage()).contains("GetCommandInvocation", COMMAND_ID);
                });
    }

    @Test
    void anUnknownStatusFailsRatherThanGuessing() {
        server().stubFor(ssm.operation("GetCommandInvocation").willReturn(ssm.json(invocation("Teleported", "Teleported", ""))));

        assertThatThrownBy(() -> commands.awaitCompletion(COMMAND_ID, INSTANCE, Duration.ofMillis(200)))
                .isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("Teleported");
    }

    @Test
    void cancelsTheCommandOnTheInstance() {
        server().stubFor(ssm.operation("CancelCommand").willReturn(ssm.json("{}")));

        commands.cancel(COMMAND_ID, INSTANCE);

        server().verify(1, ssm.called("CancelCommand").withRequestBody(equalToJson(
                "{\"CommandId\":\"" + COMMAND_ID + "\",\"InstanceIds\":[\"" + INSTANCE + "\"]}")));
    }

    @Test
    void aRefusedCancelNamesTheCommand() {
        server().stubFor(ssm.operation("CancelCommand").willReturn(ssm.error("InvalidCommandId", "")));

        assertThatThrownBy(() -> commands.cancel(COMMAND_ID, INSTANCE))
                .isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("CancelCommand " + COMMAND_ID + " on " + INSTANCE + " failed: InvalidCommandId");
    }

    @Test
    void retriesThrottlingThenFailsWithTheErrorCode() {
        server().stubFor(ssm.operation("SendCommand").willReturn(ssm.error("ThrottlingException", "Rate exceeded")));

        assertThatThrownBy(() -> commands.sendShell(INSTANCE, List.of("true"), "c", WAIT))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.operation()).isEqualTo("SendCommand");
                    assertThat(e.errorCode()).isEqualTo("ThrottlingException");
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(INSTANCE, "Rate exceeded");
                });
        server().verify(MAX_ATTEMPTS, ssm.called("SendCommand"));
    }

    @Test
    void succeedsWhenThrottlingClearsOnTheRetry() {
        server().stubFor(ssm.operation("GetCommandInvocation").inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(ssm.error("ThrottlingException", "Rate exceeded")).willSetStateTo("cleared"));
        server().stubFor(ssm.operation("GetCommandInvocation").inScenario("throttled").whenScenarioStateIs("cleared")
                .willReturn(ssm.json(invocation("Success", "Success", ""))));

        assertThat(commands.awaitCompletion(COMMAND_ID, INSTANCE, WAIT).status()).isEqualTo(CommandStatus.SUCCESS);
        server().verify(2, ssm.called("GetCommandInvocation"));
    }

    /** GetCommandInvocation answers these in turn, the last one repeating. */
    private static void inTurn(ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            server().stubFor(ssm.operation("GetCommandInvocation").inScenario("polls")
                    .whenScenarioStateIs(i == 0 ? STARTED : "poll " + i).willReturn(answers[i])
                    .willSetStateTo(i == answers.length - 1 ? "poll " + i : "poll " + (i + 1)));
        }
    }

    private static String invocation(String status, String details, String stderr) {
        return "{\"CommandId\":\"" + COMMAND_ID + "\",\"InstanceId\":\"" + INSTANCE + "\","
                + "\"DocumentName\":\"AWS-RunShellScript\",\"Status\":\"" + status + "\","
                + "\"StatusDetails\":\"" + details + "\",\"ResponseCode\":" + ("Success".equals(status) ? 0 : 1) + ","
                + "\"StandardOutputContent\":\"\",\"StandardErrorContent\":\"" + stderr + "\"}";
    }

    private static WireMockServer server() {
        return aws.server();
    }
}
