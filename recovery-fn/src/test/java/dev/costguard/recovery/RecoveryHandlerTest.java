package dev.costguard.recovery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The packaged recovery handler through the mock event server, against the stateful fake account. */
@QuarkusTest
@WithTestResource(FakeAccountResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryHandlerTest {

    static final List<String> MUTATING = List.of("PutFunctionConcurrency", "DeleteFunctionConcurrency",
            "StartInstances", "StopInstances", "PutParameter", "DeleteParameter", "UpdateDistribution");

    @ConfigProperty(name = "costguard.aws.endpoint-url")
    String endpoint;

    private final HttpClient http = HttpClient.newHttpClient();

    private String send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private JsonPath account() throws Exception {
        return JsonPath.from(send(HttpRequest.newBuilder(URI.create(endpoint + "/_demo/state"))));
    }

    @Test
    @Order(1)
    void aBadPayloadIsRefusedByNameBeforeAnyAwsCall() {
        int before = FakeAccountResource.calls().size();

        String error = given().contentType("application/json").body("{\"action\": \"start\"}")
                .when().post().then().statusCode(500).extract().asString();

        assertThat(error).contains("unknown field(s) [action]");
        assertThat(FakeAccountResource.calls()).hasSize(before);
    }

    @Test
    @Order(1)
    void notJsonAndAStringBooleanAreRefusedByNameBeforeAnyAwsCall() {
        int before = FakeAccountResource.calls().size();

        String notJson = given().contentType("application/json").body("not json")
                .when().post().then().statusCode(500).extract().asString();
        String stringBoolean = given().contentType("application/json").body("{\"dryRun\": \"true\"}")
                .when().post().then().statusCode(500).extract().asString();

        assertThat(notJson).contains("the invocation is not JSON").contains("expected the schedule's");
        assertThat(stringBoolean).contains("\\\"dryRun\\\" must be true or false, not the string");
        assertThat(FakeAccountResource.calls()).hasSize(before);
    }

    @Test
    @Order(2)
    void aManualRunOnAHealthyAccountIsSkippedWithoutAnyChange() {
        JsonPath report = invoke("{}");

        assertThat(report.getString("function")).isEqualTo("recovery");
        assertThat(report.getString("trigger")).isEqualTo("manual");
        assertThat(report.getString("outcome")).isEqualTo("SKIPPED");
        assertThat(report.getString("steps[0].detail"))
                .isEqualTo("no snapshot at /cost-guard/test/kill-switch-snapshot, so nothing was changed; nothing looks stopped");
        assertThat(report.getString("notification.status")).isEqualTo("SUCCEEDED");
        assertThat(FakeAccountResource.calls()).noneMatch(line -> MUTATING.stream().anyMatch(line::contains));
    }

    /** The stream handler's answer comes back without a JSON content type, so it is parsed here. */
    private static JsonPath invoke(String payload) {
        return JsonPath.from(given().contentType("application/json").body(payload)
                .when().post().then().statusCode(200).extract().asString());
    }

    @Test
    @Order(3)
    void theSchedulesInputRestoresWhatTheKillSwitchStopped() throws Exception {
        KillSwitchAftermath.leave(endpoint);
        assertThat(account().getMap("lambda")).containsEntry("relay-default", 0);

        JsonPath report = invoke(Files.readString(Path.of("..", "events", "recovery-schedule.json")));

        assertThat(report.getString("trigger")).isEqualTo("schedule");
        assertThat(report.getString("outcome")).isEqualTo("SUCCEEDED");
        assertThat(report.getList("steps.name", String.class)).containsExactly("assess", "start-instance",
                "health-check", "restore-functions", "enable-distribution", "restore-services", "clear-tags",
                "lift-parked", "clear-snapshot", "unknown-items");
        assertThat(report.getList("steps.status", String.class)).containsOnly("SUCCEEDED");

        JsonPath account = account();
        assertThat(account.getMap("lambda")).containsEntry("relay-default", 10).containsEntry("relay-connect", null);
        assertThat(account.getString("ec2.'i-0c0ffee5eed000001'.state")).isEqualTo("running");
        assertThat(account.getString("ec2.'i-0c0ffee5eed000001'.services.nostr-api")).isEqualTo("active");
        assertThat(account.getList("ssm.parameters")).isEmpty();
        assertThat(FakeAccountResource.calls()).anyMatch(line -> line.startsWith("lambda DeleteFunctionConcurrency relay-connect"));
    }
}
