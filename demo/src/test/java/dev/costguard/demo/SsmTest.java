package dev.costguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SsmTest {

    private static final String ID = AccountState.INSTANCE_ID;

    private final FakeAccount aws = new FakeAccount();

    @AfterEach
    void stop() {
        aws.close();
    }

    private HttpResponse<String> ssm(String operation, String body) {
        return aws.jsonCall("AmazonSSM." + operation, body);
    }

    private String sendStop() {
        HttpResponse<String> sent = ssm("SendCommand", "{\"InstanceIds\":[\"" + ID + "\"],\"DocumentName\":\"AWS-RunShellScript\","
                + "\"Comment\":\"drain\",\"Parameters\":{\"commands\":[\"sudo systemctl stop nostr-api\"]}}");
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        JsonNode command = FakeAccount.json(sent).get("Command");
        assertThat(command.get("Status").asText()).isEqualTo("Pending");
        return command.get("CommandId").asText();
    }

    @Test
    void sendCommandStopsTheServiceItNames() {
        sendStop();

        assertThat(aws.state().at("/ec2/" + ID + "/services/nostr-api").asText()).isEqualTo("inactive");
        assertThat(aws.state().at("/ssm/commands").asInt()).isEqualTo(1);
    }

    @Test
    void commandInvocationDoesNotExistOnTheFirstCallThenSucceeds() {
        String commandId = sendStop();
        String request = "{\"CommandId\":\"" + commandId + "\",\"InstanceId\":\"" + ID + "\"}";

        HttpResponse<String> first = ssm("GetCommandInvocation", request);
        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(FakeAccount.json(first).get("__type").asText()).isEqualTo("InvocationDoesNotExist");

        HttpResponse<String> second = ssm("GetCommandInvocation", request);
        assertThat(second.statusCode()).isEqualTo(200);
        JsonNode invocation = FakeAccount.json(second);
        assertThat(invocation.get("Status").asText()).isEqualTo("Success");
        assertThat(invocation.get("StatusDetails").asText()).isEqualTo("Success");
        assertThat(invocation.get("ResponseCode").asInt()).isZero();
        assertThat(invocation.get("CommandId").asText()).isEqualTo(commandId);
    }

    @Test
    void cancelCommandAcceptsAKnownCommandAndRefusesAnUnknownOne() {
        String commandId = sendStop();

        HttpResponse<String> cancelled = ssm("CancelCommand",
                "{\"CommandId\":\"" + commandId + "\",\"InstanceIds\":[\"" + ID + "\"]}");
        HttpResponse<String> unknown = ssm("CancelCommand", "{\"CommandId\":\"no-such-command\"}");
        HttpResponse<String> otherHost = ssm("CancelCommand",
                "{\"CommandId\":\"" + commandId + "\",\"InstanceIds\":[\"i-0000000000000dead\"]}");

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.body()).isEqualTo("{}");
        assertThat(FakeAccount.json(unknown).get("__type").asText()).isEqualTo("InvalidCommandId");
        assertThat(FakeAccount.json(otherHost).get("__type").asText()).isEqualTo("InvalidInstanceId");
        assertThat(aws.state().at("/ssm/cancelledCommands").asInt()).isEqualTo(1);
    }

    @Test
    void commandsToAStoppedInstanceAreRefused() {
        aws.ec2("StopInstances", "InstanceId.1", ID);

        HttpResponse<String> sent = ssm("SendCommand", "{\"InstanceIds\":[\"" + ID + "\"],\"DocumentName\":\"AWS-RunShellScript\","
                + "\"Parameters\":{\"commands\":[\"true\"]}}");

        assertThat(sent.statusCode()).isEqualTo(400);
        assertThat(FakeAccount.json(sent).get("__type").asText()).isEqualTo("InvalidInstanceId");
    }

    @Test
    void putParameterWithoutOverwriteOnAnExistingNameIsRefused() {
        String put = "{\"Name\":\"/cost-guard/snapshot\",\"Value\":\"{\\\"schemaVersion\\\":1}\",\"Type\":\"String\"}";
        assertThat(FakeAccount.json(ssm("PutParameter", put)).get("Version").asInt()).isEqualTo(1);

        HttpResponse<String> again = ssm("PutParameter", put);

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(FakeAccount.json(again).get("__type").asText()).isEqualTo("ParameterAlreadyExists");
        assertThat(aws.state().at("/ssm/parameters").toString()).isEqualTo("[\"/cost-guard/snapshot\"]");
    }

    @Test
    void overwriteBumpsTheVersionAndGetReturnsTheNewValue() {
        ssm("PutParameter", "{\"Name\":\"p\",\"Value\":\"one\",\"Type\":\"String\"}");
        JsonNode put = FakeAccount.json(ssm("PutParameter", "{\"Name\":\"p\",\"Value\":\"two\",\"Overwrite\":true,\"Tier\":\"Standard\"}"));
        assertThat(put.get("Version").asInt()).isEqualTo(2);
        assertThat(put.get("Tier").asText()).isEqualTo("Standard");

        JsonNode parameter = FakeAccount.json(ssm("GetParameter", "{\"Name\":\"p\"}")).get("Parameter");
        assertThat(parameter.get("Value").asText()).isEqualTo("two");
        assertThat(parameter.get("Type").asText()).isEqualTo("String");
        assertThat(parameter.get("Version").asInt()).isEqualTo(2);
    }

    @Test
    void missingParametersAreParameterNotFound() {
        ssm("PutParameter", "{\"Name\":\"p\",\"Value\":\"v\"}");
        assertThat(ssm("DeleteParameter", "{\"Name\":\"p\"}").body()).isEqualTo("{}");

        HttpResponse<String> get = ssm("GetParameter", "{\"Name\":\"p\"}");
        HttpResponse<String> delete = ssm("DeleteParameter", "{\"Name\":\"p\"}");

        assertThat(FakeAccount.json(get).get("__type").asText()).isEqualTo("ParameterNotFound");
        assertThat(FakeAccount.json(delete).get("__type").asText()).isEqualTo("ParameterNotFound");
        assertThat(FakeAccount.json(get).get("message").asText()).contains("p");
    }

    @Test
    void aValueTooBigForTheStandardTierIsRejected() {
        String big = "x".repeat(4097);

        HttpResponse<String> put = ssm("PutParameter", "{\"Name\":\"big\",\"Value\":\"" + big + "\"}");

        assertThat(FakeAccount.json(put).get("__type").asText()).isEqualTo("ValidationException");
        assertThat(aws.state().at("/ssm/parameters").size()).isZero();
    }
}
