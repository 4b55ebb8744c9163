package dev.costguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthAndRoutingTest {

    private static final String ID = AccountState.INSTANCE_ID;

    private final FakeAccount aws = new FakeAccount();

    @AfterEach
    void stop() {
        aws.close();
    }

    private void stopApiService() {
        aws.jsonCall("AmazonSSM.SendCommand", "{\"InstanceIds\":[\"" + ID + "\"],\"DocumentName\":\"AWS-RunShellScript\","
                + "\"Parameters\":{\"commands\":[\"systemctl stop nostr-api.service\"]}}");
    }

    @Test
    void healthIsOkWhileTheHostRunsAndTheServiceIsActive() {
        HttpResponse<String> health = aws.get("/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void healthFailsOnceTheServiceIsStopped() {
        stopApiService();

        assertThat(aws.get("/health").statusCode()).isEqualTo(503);
    }

    @Test
    void healthFailsWhileTheHostIsDownAndRecoversAfterABootBecauseTheServiceIsEnabled() {
        stopApiService();
        aws.ec2("StopInstances", "InstanceId.1", ID);
        aws.ec2("DescribeInstances", "InstanceId.1", ID);
        assertThat(aws.get("/health").statusCode()).isEqualTo(503);

        aws.ec2("StartInstances", "InstanceId.1", ID);
        assertThat(aws.get("/health").statusCode()).as("still pending").isEqualTo(503);
        aws.ec2("DescribeInstances", "InstanceId.1", ID);

        assertThat(aws.get("/health").statusCode()).isEqualTo(200);
        assertThat(aws.state().at("/ec2/" + ID + "/services/nostr-api").asText()).isEqualTo("active");
    }

    @Test
    void unknownOperationsAreRejectedByName() {
        HttpResponse<String> ec2 = aws.ec2("TerminateInstances", "InstanceId.1", ID);
        HttpResponse<String> ssm = aws.jsonCall("AmazonSSM.ListCommands", "{}");
        HttpResponse<String> target = aws.jsonCall("DynamoDB_20120810.GetItem", "{}");
        HttpResponse<String> path = aws.get("/nothing-here");

        assertThat(ec2.statusCode()).isEqualTo(400);
        assertThat(FakeAccount.xmlText(ec2, "Code")).isEqualTo("InvalidAction");
        assertThat(FakeAccount.xmlText(ec2, "Message")).contains("TerminateInstances");
        assertThat(ssm.statusCode()).isEqualTo(400);
        assertThat(ssm.body()).contains("UnknownOperationException").contains("ListCommands");
        assertThat(target.body()).contains("DynamoDB_20120810.GetItem");
        assertThat(path.statusCode()).isEqualTo(400);
        assertThat(path.body()).contains("/nothing-here");
        assertThat(aws.state().at("/ec2/" + ID + "/state").asText()).isEqualTo("running");
    }

    @Test
    void everyAwsCallLeavesOneLineNamingServiceOperationAndSubject() {
        aws.send("PUT", "/2017-10-31/functions/relay-connect/concurrency", "{\"ReservedConcurrentExecutions\":0}");
        aws.ec2("StopInstances", "InstanceId.1", ID);
        aws.ec2("StartInstances", "InstanceId.1", ID);
        aws.formCall("Action", "Publish", "Version", "2010-03-31", "TopicArn", "arn:aws:sns:eu-west-1:123456789012:t",
                "Subject", "ok", "Message", "line one\nline two");
        aws.get("/_demo/state");

        assertThat(aws.callLog()).containsExactly(
                "lambda PutFunctionConcurrency relay-connect {\"ReservedConcurrentExecutions\":0}",
                "ec2 StopInstances " + ID + " running->stopping",
                "ec2 StartInstances " + ID + " -> 400 IncorrectInstanceState: The instance '" + ID
                        + "' is not in a state from which it can be started.",
                "sns Publish arn:aws:sns:eu-west-1:123456789012:t \"ok\"");
    }

    @Test
    void announcesItsEndpointAsTheFirstLine() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FakeAccountServer server = FakeAccountServer.launch(new String[] {"--port", "0", "--settle-millis", "5"},
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(out.toString(StandardCharsets.UTF_8).lines().findFirst())
                    .hasValue("listening on http://127.0.0.1:" + server.port());
        }
    }

    @Test
    void theEmptyFlagStartsAnAccountWithNothingInIt() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FakeAccountServer server = FakeAccountServer.launch(new String[] {"--empty", "--port", "0"},
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(server.account.functions).isEmpty();
            assertThat(server.account.instances).isEmpty();
            assertThat(server.account.distributions).isEmpty();
            assertThat(server.account.ecsServices).isEmpty();
            assertThat(server.account.scalableTargets).isEmpty();
            assertThat(server.account.clusters).isEmpty();
        }
    }

    @Test
    void healthIsUnavailableWhileNoHostRunsTheApi() {
        try (FakeAccount empty = FakeAccount.empty()) {
            assertThat(empty.get("/health").statusCode()).isEqualTo(503);
        }
    }
}
