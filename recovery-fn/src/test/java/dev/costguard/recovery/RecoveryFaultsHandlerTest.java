package dev.costguard.recovery;

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
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The packaged recovery against the fake account with a scripted fault: EC2 refuses the start, recovery stops there. */
@QuarkusTest
@WithTestResource(RecoveryFaultsHandlerTest.OwnAccount.class)
class RecoveryFaultsHandlerTest {

    /** A resource class of its own, so Quarkus starts this class with a fresh account rather than the one other tests changed. */
    public static class OwnAccount extends FakeAccountResource {
    }

    /** A loaded build machine can take longer than Quarkus's 30 s test timeout for a whole recovery run. */
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
    void aRefusedStartAbortsTheRecoveryKeepsTheSnapshotAndIsReported() throws Exception {
        KillSwitchAftermath.leave(endpoint);
        faults.call("ec2:StartInstances").naming("i-0c0ffee5eed000001").failWith(500, "InsufficientInstanceCapacity",
                "We currently do not have sufficient t4g.small capacity in the Availability Zone you requested.");
        int before = FakeAccountResource.calls().size();

        JsonPath report = given().config(PATIENT).contentType("application/json")
                .body(Files.readString(Path.of("..", "events", "recovery-schedule.json")))
                .when().post().then().extract().jsonPath();

        assertThat(report.getString("outcome")).isEqualTo("FAILED");
        assertThat(report.getBoolean("overall_success")).isFalse();
        assertThat(report.getList("steps.name")).containsExactly("assess", "start-instance", "health-check", "restore-functions",
                "enable-distribution", "restore-services", "clear-tags", "lift-parked", "clear-snapshot", "unknown-items");
        assertThat(report.getList("steps.status")).containsExactly("SUCCEEDED", "FAILED", "SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED",
                "SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED");
        assertThat(report.getString("steps[1].detail")).contains("InsufficientInstanceCapacity")
                .contains("We currently do not have sufficient t4g.small capacity");
        assertThat(report.getString("notification.status")).isEqualTo("SUCCEEDED");

        JsonPath account = demo("state");
        assertThat(account.getString("ec2.'i-0c0ffee5eed000001'.state")).isIn("stopping", "stopped");
        assertThat(account.getMap("lambda")).containsEntry("relay-default", 0).containsEntry("relay-connect", 0);
        assertThat(account.getBoolean("cloudfront.E2DEMO0CDN0001.enabled")).isTrue();
        assertThat(account.getList("ssm.parameters")).containsExactly("/cost-guard/test/kill-switch-snapshot");
        assertThat(demo("messages").getString("[0].message")).contains("start-instance");
        List<String> calls = FakeAccountResource.calls();
        assertThat(calls.subList(before, calls.size()))
                .anyMatch(line -> line.startsWith("ec2 StartInstances i-0c0ffee5eed000001 -> 500 InsufficientInstanceCapacity")
                        && line.contains("[fault: "))
                .anyMatch(line -> line.startsWith("sns Publish"))
                .noneMatch(line -> line.contains("FunctionConcurrency") || line.contains("DeleteParameter")
                        || line.contains("UpdateDistribution"));
    }
}
