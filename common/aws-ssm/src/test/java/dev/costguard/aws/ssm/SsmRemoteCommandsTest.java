package dev.costguard.aws.ssm;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.costguard.aws.JsonWire;
import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.CommandInvocation;
import dev.costguard.core.ports.CommandStatus;
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
    private static final SsmRemoteCommands commands = new SsmRemoteCommands(client);

    @Test
    void sendsTheShellLinesThroughRunShellScript() {
        server().stubFor(ssm.operation("SendCommand").willReturn(ssm.json(
                "{\"Command\":{\"CommandId\":\"" + COMMAND_ID + "\",\"DocumentName\":\"AWS-RunShellScript\","
                        + "\"Status\":\"Pending\"}}")));

        String commandId = commands.sendShell(INSTANCE,
                List.of("set -e", "systemctl stop api.service"), "Cost Guard: stop the API");

        assertThat(commandId).isEqualTo(COMMAND_ID);
        server().verify(1, ssm.called("SendCommand").withRequestBody(equalToJson("""
                {
                  "DocumentName": "AWS-RunShellScript",
                  "InstanceIds": ["i-0123456789abcdef0"],
                  "Parameters": {"commands": ["set -e", "systemctl stop api.service"]},
                  "Comment": "Cost Guard: stop the API"
                }""")));
    }

    @Test
    void cutsTheCommentToSsmsHundredCharacters() {
        server().stubFor(ssm.operation("SendCommand").willReturn(ssm.json("{\"Command\":{\"CommandId\":\"" + COMMAND_ID + "\"}}")));

        commands.sendShell(INSTANCE, List.of("true"), "x".repeat(140));

        server().verify(1, ssm.called("SendCommand").withRequestBody(equalToJson(
                "{\"Comment\":\"" + "x".repeat(100) + "\"}", false, true)));
    }

    @Test
    void asksForTheInvocationOfTheCommandOnTheInstance() {
        server().stubFor(ssm.operation("GetCommandInvocation").willReturn(ssm.json(invocation("Success", "Success", ""))));

        CommandInvocation invocation = commands.invocation(COMMAND_ID, INSTANCE);

        assertThat(invocation).isEqualTo(new CommandInvocation(CommandStatus.SUCCESS, "Success"));
        server().verify(1, ssm.called("GetCommandInvocation").withRequestBody(equalToJson(
                "{\"CommandId\":\"" + COMMAND_ID + "\",\"InstanceId\":\"" + INSTANCE + "\"}")));
    }

    @Test
    void mapsInProgressToANonTerminalStatus() {
        server().stubFor(ssm.operation("GetCommandInvocation").willReturn(ssm.json(invocation("InProgress", "InProgress", ""))));

        CommandInvocation invocation = commands.invocation(COMMAND_ID, INSTANCE);

        assertThat(invocation.status()).isEqualTo(CommandStatus.IN_PROGRESS);
        assertThat(invocation.status().terminal()).isFalse();
    }

    @Test
    void aFailedCommandCarriesTheEndOfItsStandardError() {
        server().stubFor(ssm.operation("GetCommandInvocation").willReturn(ssm.json(invocation("Failed", "Failed",
                "+ systemctl stop api.service\\nFailed to stop api.service: Unit api.service not loaded.\\n"))));

        CommandInvocation invocation = commands.invocation(COMMAND_ID, INSTANCE);

        assertThat(invocation).isEqualTo(new CommandInvocation(CommandStatus.FAILED,
                "Failed: + systemctl stop api.service | Failed to stop api.service: Unit api.service not loaded."));
    }

    @Test
    void aLongStandardErrorIsCutToItsLastPart() {
        String noise = "warning: something unimportant\\n".repeat(40);
        server().stubFor(ssm.operation("GetCommandInvocation").willReturn(ssm.json(invocation("Failed", "Failed",
                noise + "fatal: the real reason"))));

        CommandInvocation invocation = commands.invocation(COMMAND_ID, INSTANCE);

        assertThat(invocation.detail()).startsWith("Failed: ...").endsWith("fatal: the real reason")
                .hasSizeLessThanOrEqualTo("Failed: ...".length() + SsmRemoteCommands.MAX_STDERR_EXCERPT);
    }

    @Test
    void aTimedOutCommandReportsSsmsStatusDetails() {
        server().stubFor(ssm.operation("GetCommandInvocation").willReturn(ssm.json(invocation("TimedOut", "DeliveryTimedOut", ""))));

        assertThat(commands.invocation(COMMAND_ID, INSTANCE))
                .isEqualTo(new CommandInvocation(CommandStatus.TIMED_OUT, "DeliveryTimedOut"));
    }

    @Test
    void anInvocationSsmDoesNotKnowYetIsNotYetVisible() {
        server().stubFor(ssm.operation("GetCommandInvocation").willReturn(ssm.error("InvocationDoesNotExist", "")));

        CommandInvocation invocation = commands.invocation(COMMAND_ID, INSTANCE);

        assertThat(invocation.status()).isEqualTo(CommandStatus.NOT_YET_VISIBLE);
        assertThat(invocation.status().terminal()).isFalse();
        server().verify(1, ssm.called("GetCommandInvocation"));
    }

    @Test
    void anUnknownStatusFailsRatherThanGuessing() {
        server().stubFor(ssm.operation("GetCommandInvocation").willReturn(ssm.json(invocation("Teleported", "Teleported", ""))));

        assertThatThrownBy(() -> commands.invocation(COMMAND_ID, INSTANCE))
                .isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("Teleported");
    }

    @Test
    void retriesThrottlingThenFailsWithTheErrorCode() {
        server().stubFor(ssm.operation("SendCommand").willReturn(ssm.error("ThrottlingException", "Rate exceeded")));

        assertThatThrownBy(() -> commands.sendShell(INSTANCE, List.of("true"), "c"))
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

        assertThat(commands.invocation(COMMAND_ID, INSTANCE).status()).isEqualTo(CommandStatus.SUCCESS);
        server().verify(2, ssm.called("GetCommandInvocation"));
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
