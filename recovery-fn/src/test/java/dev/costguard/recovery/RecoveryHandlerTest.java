package dev.costguard.recovery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

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
    @Order(2)
    void aManualRunOnAHealthyAccountIsSkippedWithoutAnyChange() {
        given().contentType("application/json").body("{}")
                .when().post().then().statusCode(200)
                .body("function", equalTo("recovery"))
                .body("trigger", equalTo("manual"))
                .body("outcome", equalTo("SKIPPED"))
                .body("steps[0].detail", startsWith("already running and nothing pending"))
                .body("notification.status", equalTo("SUCCEEDED"));

        assertThat(FakeAccountResource.calls()).noneMatch(line -> MUTATING.stream().anyMatch(line::contains));
    }

    @Test
    @Order(3)
    void theSchedulesInputRestoresWhatTheKillSwitchStopped() throws Exception {
        KillSwitchAftermath.leave(endpoint);
        assertThat(account().getMap("lambda")).containsEntry("relay-default", 0);

        given().contentType("application/json").body(Files.readString(Path.of("..", "events", "recovery-schedule.json")))
                .when().post().then().statusCode(200)
                .body("trigger", equalTo("schedule"))
                .body("outcome", equalTo("SUCCEEDED"))
                .body("steps.name", contains("assess", "start-instance", "health-check", "restore-functions",
                        "enable-distribution", "clear-snapshot"))
                .body("steps.status", everyItem(equalTo("SUCCEEDED")));

        JsonPath account = account();
        assertThat(account.getMap("lambda")).containsEntry("relay-default", 10).containsEntry("relay-connect", null);
        assertThat(account.getString("ec2.'i-0c0ffee5eed000001'.state")).isEqualTo("running");
        assertThat(account.getString("ec2.'i-0c0ffee5eed000001'.services.nostr-api")).isEqualTo("active");
        assertThat(account.getList("ssm.parameters")).isEmpty();
        assertThat(FakeAccountResource.calls()).anyMatch(line -> line.startsWith("lambda DeleteFunctionConcurrency relay-connect"));
    }
}
