package dev.costguard.ecsscheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.demo.FakeAccountFaults;
import dev.costguard.demo.FakeAccountServer;
import dev.costguard.demo.FakeAccountTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged scheduler against the stateful fake account (its sample cluster: web at 2, api at 3 with a scalable
 * target 1..4) with a scripted fault: ECS refuses to update one service, the other is still put to sleep.
 */
@QuarkusTest
@WithTestResource(EcsSchedulerFaultsHandlerTest.SampleCluster.class)
class EcsSchedulerFaultsHandlerTest {

    /** The scheduler's settings for the fake account's sample cluster, as the Terraform module would set them. */
    public static class SampleCluster extends FakeAccountTestResource {

        @Override
        protected Map<String, String> settings(FakeAccountServer server) {
            return Map.of(
                    "costguard.services", "demo-cluster/web,demo-cluster/api",
                    "costguard.snapshot-parameter", "/cost-guard/test/ecs-scheduler-snapshot",
                    "costguard.default-desired-count", "1",
                    "costguard.skip-dates", "2000-01-01",
                    "costguard.time-zone", "Asia/Tokyo",
                    "costguard.result-topic-arn", "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-result",
                    "costguard.dry-run", "false");
        }
    }

    /** A loaded build machine can take longer than Quarkus's 30 s test timeout for a whole run. */
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
    void aServiceEcsRefusesToUpdateFailsAloneAndTheOtherIsStopped() throws Exception {
        faults.call("ecs:UpdateService").naming("web").failWith(500, "ServerException", "Service was unable to process the request");

        JsonPath report = given().config(PATIENT).contentType("application/json").body("{\"action\":\"stop\",\"trigger\":\"schedule\"}")
                .when().post().then().extract().jsonPath();

        assertThat(report.getString("outcome")).isEqualTo("FAILED");
        assertThat(report.getBoolean("overall_success")).isFalse();
        assertThat(report.getList("steps.name")).containsExactly("guard", "remember", "stop-services");
        assertThat(report.getList("steps[2].items.name")).containsExactly("demo-cluster/web", "demo-cluster/api");
        assertThat(report.getList("steps[2].items.status")).containsExactly("FAILED", "SUCCEEDED");
        assertThat(report.getString("steps[2].items[0].detail")).contains("ServerException")
                .contains("Service was unable to process the request");
        assertThat(report.getString("steps[2].items[1].detail")).isEqualTo("scalable target 1..4 → 0..0, desired 3 → 0");
        assertThat(report.getString("notification.status")).isEqualTo("SUCCEEDED");

        JsonPath account = demo("state");
        assertThat(account.getInt("ecs.'demo-cluster/web'.desiredCount")).isEqualTo(2);
        assertThat(account.getInt("ecs.'demo-cluster/api'.desiredCount")).isZero();
        assertThat(account.getInt("autoscaling.'service/demo-cluster/api'.max")).isZero();
        assertThat(demo("messages").getString("[0].message")).contains("demo-cluster/web");
        assertThat(FakeAccountTestResource.calls())
                .anyMatch(line -> line.startsWith("ecs UpdateService web -> 500 ServerException") && line.contains("[fault: "))
                .anyMatch(line -> line.startsWith("ecs UpdateService demo-cluster/api"))
                .anyMatch(line -> line.startsWith("sns Publish"));
    }
}
