package dev.costguard.shutdown;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.quarkus.test.common.WithTestResource;
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
    @Order(2)
    void theManualDryRunReportsWhatItWouldDoAndChangesNothing() throws Exception {
        String stateBefore = account().prettify();

        given().contentType("application/json").body(event("manual-dry-run.json"))
                .when().post().then().statusCode(200)
                .body("function", equalTo("shutdown"))
                .body("trigger", equalTo("manual"))
                .body("dry_run", equalTo(true))
                .body("outcome", equalTo("SKIPPED"))
                .body("overall_success", equalTo(true))
                .body("steps.find { it.name == 'throttle-functions' }.detail",
                        equalTo("dry run: would set reserved concurrency 0 on relay-connect, relay-disconnect, relay-default"));

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
        given().contentType("application/json").body(event("budget-alert-sns.json"))
                .when().post().then().statusCode(200)
                .body("function", equalTo("shutdown"))
                .body("trigger", equalTo("budget-alert"))
                .body("overall_success", equalTo(true))
                .body("steps.name", contains("guard", "snapshot", "throttle-functions", "drain", "stop-api-service",
                        "stop-instance", "disable-distribution"))
                .body("steps.status", everyItem(equalTo("SUCCEEDED")))
                .body("steps.find { it.name == 'snapshot' }.items.find { it.name == 'relay-default' }.detail",
                        equalTo("reserved concurrency 10"))
                .body("notification.detail", containsString("cost-guard-demo-result"));

        JsonPath account = account();
        assertThat(account.getMap("lambda")).containsEntry("relay-connect", 0).containsEntry("relay-default", 0);
        assertThat(account.getString("ec2.'i-0c0ffee5eed000001'.services.nostr-api")).isEqualTo("inactive");
        assertThat(account.getString("ec2.'i-0c0ffee5eed000001'.state")).isIn("stopping", "stopped");
        assertThat(account.getBoolean("cloudfront.E2DEMO0CDN0001.enabled")).isFalse();
        assertThat(account.getList("ssm.parameters")).contains("/cost-guard/test/kill-switch-snapshot");
        assertThat(FakeAccountResource.calls()).anyMatch(line -> line.startsWith("lambda PutFunctionConcurrency relay-default"));
    }

    @Test
    @Order(4)
    void aNotificationFromAnUnknownTopicIsRefusedAndTouchesNothing() throws Exception {
        int before = FakeAccountResource.calls().size();
        String foreign = event("budget-alert-sns.json").replace("cost-guard-demo-alert", "someone-elses-topic");

        given().contentType("application/json").body(foreign)
                .when().post().then().statusCode(200)
                .body("trigger", equalTo("refused"))
                .body("overall_success", equalTo(false))
                .body("steps[0].detail", containsString("someone-elses-topic is not a configured trigger topic"));

        assertThat(FakeAccountResource.calls()).hasSize(before);
    }
}
