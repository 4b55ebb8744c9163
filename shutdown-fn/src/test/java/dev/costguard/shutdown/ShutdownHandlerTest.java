package dev.costguard.shutdown;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.fakes.FakeContext;
import dev.costguard.core.report.IncompleteRunException;
import dev.costguard.core.report.StepStatus;
import dev.costguard.core.time.Deadline;
import io.quarkus.test.common.WithTestResource;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged handler through Quarkus's Lambda mock event server, with the real adapters and SDK talking to a
 * stateful fake account: the SNS event fixture and the manual dry-run input from events/.
 */
@QuarkusTest
@WithTestResource(FakeAccountResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShutdownHandlerTest {

    @ConfigProperty(name = "costguard.aws.endpoint-url")
    String endpoint;

    @Inject
    ShutdownHandler handler;

    /** A stream handler's answer comes back from the mock event server without a JSON content type: parse it here. */
    private static JsonPath invoke(String payload) {
        return JsonPath.from(given().contentType("application/json").body(payload)
                .when().post().then().statusCode(200).extract().asString());
    }

    private JsonPath account() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(endpoint + "/_demo/state")).build(), HttpResponse.BodyHandlers.ofString());
        return JsonPath.from(response.body());
    }

    private static String event(String name) throws Exception {
        return Files.readString(Path.of("..", "events", name));
    }

    @Test
    @Order(1)
    void aMalformedPayloadIsRefusedByNameBeforeAnyAwsCall() {
        int before = FakeAccountResource.calls().size();

        String error = given().contentType("application/json").body("{\"reason\": \"oops\", \"dry_run\": true}")
                .when().post().then().statusCode(500).extract().asString();

        assertThat(error).contains("unknown field(s) [dry_run]");
        assertThat(FakeAccountResource.calls()).hasSize(before);
    }

    @Test
    @Order(1)
    void aDryRunGivenAsTextIsRefusedSoNothingButTrueMeansTrue() {
        int before = FakeAccountResource.calls().size();

        String error = given().contentType("application/json").body("{\"reason\": \"test\", \"dryRun\": \"true\"}")
                .when().post().then().statusCode(500).extract().asString();

        assertThat(error).contains("\\\"dryRun\\\" must be true or false, not the string \\\"true\\\"");
        assertThat(FakeAccountResource.calls()).hasSize(before);
    }

    @Test
    @Order(2)
    void theManualDryRunReportsWhatItWouldDoAndChangesNothing() throws Exception {
        String stateBefore = account().prettify();

        JsonPath report = invoke(event("manual-dry-run.json"));

        assertThat(report.getString("function")).isEqualTo("shutdown");
        assertThat(report.getString("trigger")).isEqualTo("manual");
        assertThat(report.getBoolean("dry_run")).isTrue();
        assertThat(report.getString("outcome")).isEqualTo("SKIPPED");
        assertThat(report.getBoolean("overall_success")).isTrue();
        assertThat(report.getString("steps.find { it.name == 'throttle-functions' }.detail"))
                .isEqualTo("dry run: would set reserved concurrency 0 on relay-connect, relay-disconnect, relay-default");

        JsonPath after = account();
        assertThat(after.getInt("sns.messages")).isEqualTo(1);
        assertThat(after.getMap("lambda")).isEqualTo(JsonPath.from(stateBefore).getMap("lambda"));
        assertThat(after.getString("ec2.'i-0c0ffee5eed000001'.state")).isEqualTo("running");
        assertThat(FakeAccountResource.calls()).noneMatch(line -> line.contains("PutFunctionConcurrency")
                || line.contains("StopInstances") || line.contains("SendCommand") || line.contains("PutParameter"));
    }

    @Test
    @Order(3)
    void theBudgetAlertEventShutsTheSampleAccountDown() throws Exception {
        JsonPath report = invoke(event("budget-alert-sns.json"));

        assertThat(report.getString("function")).isEqualTo("shutdown");
        assertThat(report.getString("trigger")).isEqualTo("budget-alert");
        assertThat(report.getBoolean("overall_success")).isTrue();
        assertThat(report.getList("steps.name", String.class)).containsExactly("guard", "mark-parked", "snapshot",
                "throttle-functions", "drain", "stop-api-service", "stop-instance", "disable-distribution",
                "park-services");
        assertThat(report.getList("steps.status", String.class)).containsOnly("SUCCEEDED");
        assertThat(report.getString("steps.find { it.name == 'snapshot' }.items.find { it.name == 'relay-default' }.detail"))
                .isEqualTo("reserved concurrency 10, tagged on the item as the prior value");
        assertThat(report.getString("steps.find { it.name == 'stop-api-service' }.detail"))
                .startsWith("'systemctl stop nostr-api' succeeded (command ").endsWith(", timeout 60 s)");
        assertThat(report.getString("notification.detail")).contains("cost-guard-demo-result");

        JsonPath account = account();
        assertThat(account.getList("ssm.parameters")).contains("/cost-guard/test/parked");
        assertThat(account.getMap("lambda")).containsEntry("relay-connect", 0).containsEntry("relay-default", 0);
        assertThat(account.getString("ec2.'i-0c0ffee5eed000001'.services.nostr-api")).isEqualTo("inactive");
        assertThat(account.getString("ec2.'i-0c0ffee5eed000001'.state")).isIn("stopping", "stopped");
        assertThat(account.getBoolean("cloudfront.E2DEMO0CDN0001.enabled")).isFalse();
        assertThat(account.getList("ssm.parameters")).contains("/cost-guard/test/kill-switch-snapshot");
        assertThat(FakeAccountResource.calls()).anyMatch(line -> line.startsWith("lambda PutFunctionConcurrency relay-default"));
        assertThat(FakeAccountResource.calls()).anyMatch(line -> line.startsWith("ssm SendCommand i-0c0ffee5eed000001"));
        assertThat(account.getInt("ssm.cancelledCommands")).isZero();
    }

    @Test
    @Order(4)
    void aNotificationFromAnUnknownTopicIsRefusedAndTouchesNothing() throws Exception {
        int before = FakeAccountResource.calls().size();
        String foreign = event("budget-alert-sns.json").replace("cost-guard-demo-alert", "someone-elses-topic");

        JsonPath report = invoke(foreign);

        assertThat(report.getString("trigger")).isEqualTo("refused");
        assertThat(report.getBoolean("overall_success")).isFalse();
        assertThat(report.getString("steps[0].detail")).contains("someone-elses-topic is not a configured trigger topic");
        assertThat(FakeAccountResource.calls()).hasSize(before);
    }

    @Test
    @Order(5)
    void aFailedPhaseEndsTheInvocationInAnErrorAfterTheReportIsPublished() throws Exception {
        // A snapshot this build cannot read fails the snapshot phase (and is left untouched); the rest still runs.
        ssm("PutParameter", "{\"Name\":\"/cost-guard/test/kill-switch-snapshot\",\"Value\":\"{\\\"schemaVersion\\\":9}\","
                + "\"Type\":\"String\",\"Overwrite\":true}");
        int published = account().getInt("sns.messages");

        String error = given().contentType("application/json").body(event("budget-alert-sns.json"))
                .when().post().then().statusCode(500).extract().asString();

        assertThat(error).contains("IncompleteRunException").contains("1 of 9 phases failed (snapshot)");
        JsonPath after = account();
        assertThat(after.getInt("sns.messages")).isEqualTo(published + 1);
        assertThat(FakeAccountResource.calls()).last().asString().contains("Publish");
    }

    @Test
    @Order(6)
    void withLessTimeLeftThanTheReportsReserveEveryPhaseSaysSoAndTheReportStillGoesOut() throws Exception {
        int published = account().getInt("sns.messages");
        int before = FakeAccountResource.calls().size();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();

        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(event("budget-alert-sns.json")
                .getBytes(StandardCharsets.UTF_8)), answer, FakeContext.remaining(10_000)))
                .isInstanceOfSatisfying(IncompleteRunException.class, e -> {
                    assertThat(e.report().steps()).hasSize(9).allSatisfy(step -> {
                        assertThat(step.status()).isEqualTo(StepStatus.FAILED);
                        assertThat(step.detail()).isEqualTo(Deadline.NO_TIME);
                    });
                    assertThat(e.report().notification().status()).isEqualTo(StepStatus.SUCCEEDED);
                    assertThat(e.report().summary()).endsWith("The prior state was NOT saved: the snapshot phase had "
                            + "no time to run");
                });

        // Nothing was sent but the report.
        assertThat(FakeAccountResource.calls().subList(before, FakeAccountResource.calls().size()))
                .singleElement().asString().contains("Publish");
        assertThat(account().getInt("sns.messages")).isEqualTo(published + 1);
    }

    private void ssm(String operation, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("X-Amz-Target", "AmazonSSM." + operation).header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
