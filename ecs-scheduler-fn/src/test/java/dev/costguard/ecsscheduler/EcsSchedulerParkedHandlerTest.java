package dev.costguard.ecsscheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.demo.FakeAccountParameters;
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
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The packaged scheduler against the stateful fake account (web at 2, api at 3 with a target 1..4), with the kill
 * switch's parked marker in Parameter Store: a start wakes nothing while it is there, a stop still stops without
 * forgetting the sizes, and the first start after the marker goes wakes both at their own size.
 */
@QuarkusTest
@WithTestResource(EcsSchedulerParkedHandlerTest.ParkedCluster.class)
class EcsSchedulerParkedHandlerTest {

    static final String PARKED = "/cost-guard/test/parked";

    /** The sample cluster's settings with the kill switch's marker, as the Terraform composition sets them. */
    public static class ParkedCluster extends FakeAccountTestResource {

        @Override
        protected Map<String, String> settings(FakeAccountServer server) {
            Map<String, String> settings = new HashMap<>(new EcsSchedulerFaultsHandlerTest.SampleCluster().settings(server));
            settings.put("costguard.parked-parameter", PARKED);
            return settings;
        }
    }

    private static final RestAssuredConfig PATIENT = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 180_000).setParam("http.connection.timeout", 180_000));

    @ConfigProperty(name = "costguard.aws.endpoint-url")
    String endpoint;

    private JsonPath run(String action) {
        return given().config(PATIENT).contentType("application/json")
                .body("{\"action\":\"" + action + "\",\"trigger\":\"schedule\"}").when().post().then().extract().jsonPath();
    }

    private JsonPath state() throws Exception {
        return JsonPath.from(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/_demo/state"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void whileParkedAStartWakesNothingAndAStopKeepsTheSizesUntilTheMarkerGoes() throws Exception {
        run("stop");
        FakeAccountParameters.of(endpoint).park(PARKED, "2026-11-03T05:00:00Z", "budget-alert");

        JsonPath refused = run("start");

        assertThat(refused.getString("summary")).isEqualTo("Start by the schedule refused: parked by the kill switch "
                + "since 2026-11-03T05:00:00Z (budget-alert); recovery restores it");
        assertThat(refused.getString("outcome")).isEqualTo("SKIPPED");
        assertThat(state().getInt("ecs.'demo-cluster/web'.desiredCount")).isZero();
        assertThat(state().getInt("ecs.'demo-cluster/api'.desiredCount")).isZero();
        assertThat(state().getInt("autoscaling.'service/demo-cluster/api'.max")).isZero();

        JsonPath stoppedAgain = run("stop");
        assertThat(stoppedAgain.getBoolean("overall_success")).isTrue();

        FakeAccountParameters.of(endpoint).lift(PARKED);
        JsonPath woken = run("start");

        assertThat(woken.getBoolean("overall_success")).as(woken.prettify()).isTrue();
        assertThat(state().getInt("ecs.'demo-cluster/web'.desiredCount")).isEqualTo(2);
        assertThat(state().getInt("ecs.'demo-cluster/api'.desiredCount")).isEqualTo(3);
        assertThat(state().getInt("autoscaling.'service/demo-cluster/api'.min")).isEqualTo(1);
        assertThat(state().getInt("autoscaling.'service/demo-cluster/api'.max")).isEqualTo(4);
    }
}
