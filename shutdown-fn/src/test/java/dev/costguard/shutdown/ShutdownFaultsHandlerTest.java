package dev.costguard.shutdown;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.fakes.FakeContext;
import dev.costguard.core.report.IncompleteRunException;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import dev.costguard.core.time.Deadline;
import dev.costguard.demo.FakeAccountFaults;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged kill switch against the fake account with scripted faults. A run with a failed phase ends in an error
 * (so Lambda's retries finish it) after its report is published: the report is read back from what SNS received.
 */
@QuarkusTest
@WithTestResource(ShutdownFaultsHandlerTest.OwnAccount.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShutdownFaultsHandlerTest {

    /** A resource class of its own, so Quarkus starts this class with a fresh account rather than the one other tests changed. */
    public static class OwnAccount extends FakeAccountResource {
    }

    /** A loaded build machine can take longer than Quarkus's 30 s test timeout for a whole kill-switch run. */
    private static final RestAssuredConfig PATIENT = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 180_000).setParam("http.connection.timeout", 180_000));

    private static final String SNAPSHOT = "/cost-guard/test/kill-switch-snapshot";

    private final FakeAccountFaults faults = FakeAccountFaults.ofTestResource();

    @ConfigProperty(name = "costguard.aws.endpoint-url")
    String endpoint;

    @Inject
    ShutdownHandler handler;

    @AfterEach
    void clearFaults() {
        faults.clear();
    }

    @Test
    @Order(1)
    void aFunctionLambdaRefusesToThrottleFailsAloneAndEveryOtherPhaseStillRuns() throws Exception {
        faults.call("lambda:PutFunctionConcurrency").naming("relay-disconnect")
                .failWith(500, "ServiceException", "Lambda was unable to process the request");

        String error = budgetAlertEndingInAnError();

        assertThat(error).contains("IncompleteRunException").contains("(failed: throttle-functions)");
        JsonPath report = lastPublishedReport();
        assertThat(report.getBoolean("overall_success")).isFalse();
        assertThat(report.getList("steps.name")).containsExactly("guard", "mark-parked", "snapshot",
                "throttle-functions", "drain", "stop-api-service", "stop-instance", "disable-distribution",
                "park-services");
        assertThat(report.getString("steps.find { it.name == 'throttle-functions' }.status")).isEqualTo("FAILED");
        assertThat(report.getList("steps.findAll { it.name != 'throttle-functions' }.status")).containsOnly("SUCCEEDED");
        assertThat(report.getList("steps.find { it.name == 'throttle-functions' }.items.findAll { it.status == 'FAILED' }.name"))
                .containsExactly("relay-disconnect");
        assertThat(report.getString("steps.find { it.name == 'throttle-functions' }.items.find { it.name == 'relay-disconnect' }.detail"))
                .contains("ServiceException").contains("Lambda was unable to process the request");

        JsonPath account = demo("state");
        assertThat(account.getMap("lambda")).containsEntry("relay-connect", 0).containsEntry("relay-default", 0)
                .containsEntry("relay-disconnect", null);
        assertThat(account.getString("ec2.'i-0c0ffee5eed000001'.state")).isIn("stopping", "stopped");
        assertThat(account.getBoolean("cloudfront.E2DEMO0CDN0001.enabled")).isFalse();
        assertThat(FakeAccountResource.calls())
                .anyMatch(line -> line.startsWith("lambda PutFunctionConcurrency relay-disconnect -> 500 ServiceException")
                        && line.contains("[fault: "))
                .anyMatch(line -> line.startsWith("ec2 StopInstances"));
        // The error comes after the report is out: the last call of the run is its publish.
        assertThat(FakeAccountResource.calls()).last().asString().startsWith("sns Publish");
    }

    @Test
    @Order(2)
    void aFunctionWhoseConcurrencyCannotBeReadIsRecordedAsUnknownAndStillThrottled() throws Exception {
        deleteSnapshot();
        // The run before left relay-default's prior value on it; without that tag its prior state is unknown.
        HttpResponse<String> untagged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint
                + "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Arelay-default"
                + "?tagKeys=cost-guard%3Aprior-reserved-concurrency&tagKeys=cost-guard%3Aprior-recorded-at")).DELETE()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(untagged.statusCode()).isEqualTo(204);
        faults.call("lambda:GetFunctionConcurrency").naming("relay-default")
                .failWith(500, "ServiceException", "Lambda was unable to process the request");

        budgetAlertEndingInAnError();

        String stored = parameter(SNAPSHOT);
        JsonPath snapshot = JsonPath.from(stored);
        assertThat(snapshot.getString("functions.find { it.name == 'relay-default' }.unknown"))
                .contains("GetFunctionConcurrency relay-default failed: ServiceException (HTTP 500)");
        assertThat(snapshot.getString("functions.find { it.name == 'relay-default' }.reservedConcurrency")).isNull();
        assertThat(snapshot.getList("functions.name")).containsExactly("relay-connect", "relay-disconnect", "relay-default");
        assertThat(demo("state").getMap("lambda")).containsEntry("relay-default", 0).containsEntry("relay-disconnect", 0);
        String slack = lastPublished().getString("content.description");
        assertThat(slack).contains("Prior state unknown for relay-default")
                .contains("relay-default: failed — GetFunctionConcurrency relay-default failed: ServiceException");
    }

    @Test
    @Order(3)
    void aRefusedPutParameterSaysThePriorStateWasNotSavedAndThrottlingGoesOn() throws Exception {
        deleteSnapshot();
        faults.call("ssm:PutParameter").failWith(400, "AccessDeniedException", "not authorized to perform ssm:PutParameter");

        String error = budgetAlertEndingInAnError();

        assertThat(error).contains("The prior state was NOT saved");
        assertThat(demo("state").getList("ssm.parameters")).doesNotContain(SNAPSHOT);
        JsonPath report = lastPublishedReport();
        assertThat(report.getString("summary")).contains("The prior state was NOT saved");
        assertThat(report.getString("steps.find { it.name == 'snapshot' }.detail"))
                .startsWith("prior state NOT saved in " + SNAPSHOT + ": PutParameter " + SNAPSHOT + " failed: AccessDeniedException");
        assertThat(report.getString("steps.find { it.name == 'throttle-functions' }.status")).isEqualTo("SUCCEEDED");
    }

    @Test
    @Order(4)
    void aNeverAnsweringLambdaEndpointStillGetsTheReportOutBeforeTheDeadline() throws Exception {
        faults.call("lambda:PutFunctionConcurrency").neverAnswer();
        int published = demo("state").getInt("sns.messages");
        // 16 s left: 6 s for the phases, 10 s kept for the report.
        FakeContext nearlyOver = FakeContext.remaining(16_000);

        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(event().getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), nearlyOver)).isInstanceOfSatisfying(IncompleteRunException.class, e -> {
                    RunReport report = e.report();
                    StepResult throttle = report.steps().get(3);
                    assertThat(throttle.name()).isEqualTo("throttle-functions");
                    assertThat(throttle.status()).isEqualTo(StepStatus.FAILED);
                    assertThat(throttle.items()).allMatch(StepResult::failed);
                    // Whatever came after the capped calls had no time left, and says so.
                    assertThat(report.steps().subList(4, 9)).allSatisfy(step -> {
                        assertThat(step.status()).isEqualTo(StepStatus.FAILED);
                        assertThat(step.detail()).isEqualTo(Deadline.NO_TIME);
                    });
                    assertThat(report.notification().status()).isEqualTo(StepStatus.SUCCEEDED);
                    // The run's own clock: the report was published before the 16 s were up.
                    assertThat(report.durationMs()).isLessThan(16_000);
                });
        assertThat(demo("state").getInt("sns.messages")).isEqualTo(published + 1);
    }

    @Test
    @Order(5)
    void aStopCommandThatCannotBeFollowedIsCancelledAndTheInstanceStillStops() throws Exception {
        startInstance();
        // The SSM waiter stops on an error it has no acceptor for; the flow then gives up on the command and cancels it.
        faults.call("ssm:GetCommandInvocation").failWith(400, "AccessDeniedException", "not authorized to perform ssm:GetCommandInvocation");

        budgetAlertEndingInAnError();

        JsonPath report = lastPublishedReport();
        assertThat(report.getString("steps.find { it.name == 'stop-api-service' }.status")).isEqualTo("FAILED");
        assertThat(report.getString("steps.find { it.name == 'stop-api-service' }.detail"))
                .contains("could not be followed").contains("cancelled it (CancelCommand accepted)");
        assertThat(report.getString("steps.find { it.name == 'stop-instance' }.status")).isEqualTo("SUCCEEDED");
        assertThat(FakeAccountResource.calls()).anyMatch(line -> line.startsWith("ssm CancelCommand "));
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static String event() throws Exception {
        return Files.readString(Path.of("..", "events", "budget-alert-sns.json"));
    }

    private String budgetAlertEndingInAnError() throws Exception {
        int published = demo("state").getInt("sns.messages");
        String error = given().config(PATIENT).contentType("application/json").body(event())
                .when().post().then().statusCode(500).extract().asString();
        assertThat(demo("state").getInt("sns.messages")).as("the report was published before the error").isEqualTo(published + 1);
        return error;
    }

    private JsonPath lastPublished() throws Exception {
        List<String> messages = demo("messages").getList("message", String.class);
        return JsonPath.from(messages.get(messages.size() - 1));
    }

    private JsonPath lastPublishedReport() throws Exception {
        return JsonPath.from(lastPublished().getString("metadata.additionalContext.report"));
    }

    private JsonPath demo(String what) throws Exception {
        return JsonPath.from(get(endpoint + "/_demo/" + what));
    }

    private String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private String parameter(String name) throws Exception {
        return JsonPath.from(ssm("GetParameter", "{\"Name\":\"" + name + "\"}")).getString("Parameter.Value");
    }

    private void startInstance() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=StartInstances&Version=2016-11-15&InstanceId.1=i-0c0ffee5eed000001"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(demo("state").getString("ec2.'i-0c0ffee5eed000001'.state")).isIn("pending", "running");
    }

    private void deleteSnapshot() throws Exception {
        if (demo("state").getList("ssm.parameters").contains(SNAPSHOT)) {
            ssm("DeleteParameter", "{\"Name\":\"" + SNAPSHOT + "\"}");
        }
    }

    private String ssm(String operation, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("X-Amz-Target", "AmazonSSM." + operation).header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
