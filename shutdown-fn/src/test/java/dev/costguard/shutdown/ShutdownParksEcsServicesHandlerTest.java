package dev.costguard.shutdown;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.demo.FakeAccountServer;
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
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The packaged kill switch against the fake account with its sample ECS cluster configured (web at 2, api at 3 with a
 * scalable target 1..4): the budget alert parks the whole estate, the services' sizes kept in the snapshot and as
 * tags on each service (through ECS's own tagging calls on the long service ARN).
 */
@QuarkusTest
@WithTestResource(ShutdownParksEcsServicesHandlerTest.WithServices.class)
class ShutdownParksEcsServicesHandlerTest {

    /** The kill switch's settings with the sample cluster's services, as the Terraform module sets them. */
    public static class WithServices extends FakeAccountResource {

        @Override
        protected Map<String, String> settings(FakeAccountServer server) {
            Map<String, String> settings = new HashMap<>(super.settings(server));
            settings.put("costguard.ecs-services", "demo-cluster/web,demo-cluster/api");
            return settings;
        }
    }

    private static final RestAssuredConfig PATIENT = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 180_000).setParam("http.connection.timeout", 180_000));

    @ConfigProperty(name = "costguard.aws.endpoint-url")
    String endpoint;

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private String parameter(String name) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("X-Amz-Target", "AmazonSSM.GetParameter").header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonPath.from(response.body()).getString("Parameter.Value");
    }

    @Test
    void theBudgetAlertParksTheEcsServicesWithTheirSizesKeptTwice() throws Exception {
        JsonPath report = given().config(PATIENT).contentType("application/json")
                .body(Files.readString(Path.of("..", "events", "budget-alert-sns.json")))
                .when().post().then().statusCode(200).extract().jsonPath();

        assertThat(report.getBoolean("overall_success")).as(report.prettify()).isTrue();
        assertThat(report.getList("steps.find { it.name == 'park-services' }.items.detail")).containsExactly(
                "desired 2 → 0", "scalable target 1..4 → 0..0, desired 3 → 0");
        JsonPath account = JsonPath.from(get("/_demo/state"));
        assertThat(account.getInt("ecs.'demo-cluster/web'.desiredCount")).isZero();
        assertThat(account.getInt("ecs.'demo-cluster/api'.desiredCount")).isZero();
        assertThat(account.getInt("autoscaling.'service/demo-cluster/api'.max")).isZero();
        assertThat(account.getString("priorTags.'demo-cluster/api'.'cost-guard:prior-desired-count'")).isEqualTo("3");
        assertThat(account.getString("priorTags.'demo-cluster/api'.'cost-guard:prior-min-capacity'")).isEqualTo("1");
        assertThat(account.getString("priorTags.'demo-cluster/web'.'cost-guard:prior-max-capacity'")).isEqualTo("none");
        assertThat(account.getList("ssm.parameters")).contains("/cost-guard/test/parked");

        Snapshot snapshot = SnapshotCodec.decode(parameter("/cost-guard/test/kill-switch-snapshot"));
        assertThat(snapshot.services()).containsExactly(
                new Snapshot.ServiceCapacity("demo-cluster", "web", 2, null, null),
                new Snapshot.ServiceCapacity("demo-cluster", "api", 3, 1, 4));
        assertThat(FakeAccountResource.calls()).anyMatch(c -> c.startsWith("ecs TagResource"))
                .anyMatch(c -> c.startsWith("ecs ListTagsForResource"));
    }
}
