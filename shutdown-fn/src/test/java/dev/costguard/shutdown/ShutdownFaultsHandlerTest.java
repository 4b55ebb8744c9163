package dev.costguard.shutdown;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.demo.FakeAccountFaults;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The packaged kill switch against the fake account with a scripted fault: one AWS call fails, the rest still runs. */
@QuarkusTest
@WithTestResource(ShutdownFaultsHandlerTest.OwnAccount.class)
class ShutdownFaultsHandlerTest {

    /** A resource class of its own, so Quarkus starts this class with a fresh account rather than the one other tests changed. */
    public static class OwnAccount extends FakeAccountResource {
    }

    /** A loaded build machine can take longer than Quarkus's 30 s test timeout for a whole kill-switch run. */
    private static final RestAssuredConfig PATIENT = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 180_000).setParam("http.connection.timeout", 180_000));

    private final FakeAccountFaults faults = FakeAccountFaults.ofTestResource();

    @ConfigProperty(name = "costguard.aws.endpoint-url")
    String endpoint;

    @AfterEach
    void clearFaults() {
        faults.clear();
    }

    private JsonPath demo(String what) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(endpoint + "/_demo/" + what)).build(), HttpResponse.BodyHandlers.ofString());
        return JsonPath.from(response.body());
    }

    @Test
    void aFunctionLambdaRefusesToThrottleFailsAloneAndEveryOtherPhaseStillRuns() throws Exception {
        faults.call("lambda:PutFunctionConcurrency").naming("relay-disconnect")
                .failWith(500, "ServiceException", "Lambda was unable to process the request");

        JsonPath report = given().config(PATIENT).contentType("application/json").body(Files.readString(Path.of("..", "events", "budget-alert-sns.json")))
                .when().post().then().extract().jsonPath();

        assertThat(report.getBoolean("overall_success")).isFalse();
        assertThat(report.getList("steps.name")).containsExactly("guard", "snapshot", "throttle-functions", "drain",
                "stop-api-service", "stop-instance", "disable-distribution");
        assertThat(report.getString("steps.find { it.name == 'throttle-functions' }.status")).isEqualTo("FAILED");
        assertThat(report.getList("steps.findAll { it.name != 'throttle-functions' }.status")).containsOnly("SUCCEEDED");
        assertThat(report.getList("steps.find { it.name == 'throttle-functions' }.items.findAll { it.status == 'FAILED' }.name"))
                .containsExactly("relay-disconnect");
        assertThat(report.getString("steps.find { it.name == 'throttle-functions' }.items.find { it.name == 'relay-disconnect' }.detail"))
                .contains("ServiceException").contains("Lambda was unable to process the request");
        assertThat(report.getString("notification.status")).isEqualTo("SUCCEEDED");

        JsonPath account = demo("state");
        assertThat(account.getMap("lambda")).containsEntry("relay-connect", 0).containsEntry("relay-default", 0)
                .containsEntry("relay-disconnect", null);
        assertThat(account.getString("ec2.'i-0c0ffee5eed000001'.state")).isIn("stopping", "stopped");
        assertThat(account.getBoolean("cloudfront.E2DEMO0CDN0001.enabled")).isFalse();
        assertThat(demo("messages").getString("[0].message")).contains("throttle-functions");
        assertThat(FakeAccountResource.calls())
                .anyMatch(line -> line.startsWith("lambda PutFunctionConcurrency relay-disconnect -> 500 ServiceException")
                        && line.contains("[fault: "))
                .anyMatch(line -> line.startsWith("sns Publish"))
                .anyMatch(line -> line.startsWith("ec2 StopInstances"));
    }
}
