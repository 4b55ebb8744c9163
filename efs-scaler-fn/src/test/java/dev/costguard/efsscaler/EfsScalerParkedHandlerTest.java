package dev.costguard.efsscaler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.demo.FakeAccountParameters;
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
 * The packaged scaler against the fake account (more files than the threshold, targets in two of three zones) with
 * the kill switch's parked marker in Parameter Store: it counts and reports, and creates the mount target only once
 * the marker is gone.
 */
@QuarkusTest
@WithTestResource(EfsScalerParkedHandlerTest.ParkedAccount.class)
class EfsScalerParkedHandlerTest {

    static final String PARKED = "/cost-guard/test/parked";

    /** The sample file system's settings with the kill switch's marker, as the Terraform composition sets them. */
    public static class ParkedAccount extends FakeAccountResource {

        @Override
        protected Map<String, String> settings(FakeAccountServer server) {
            Map<String, String> settings = new HashMap<>(super.settings(server));
            settings.put("costguard.parked-parameter", PARKED);
            return settings;
        }
    }

    private static final RestAssuredConfig PATIENT = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 180_000).setParam("http.connection.timeout", 180_000));

    @ConfigProperty(name = "costguard.aws.endpoint-url")
    String endpoint;

    private JsonPath run() throws Exception {
        return JsonPath.from(given().config(PATIENT).contentType("application/json")
                .body(Files.readString(Path.of("..", "events", "efs-scaler-schedule.json")))
                .when().post().then().statusCode(200).extract().asString());
    }

    private int targets() throws Exception {
        return JsonPath.from(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/_demo/state"))
                .build(), HttpResponse.BodyHandlers.ofString()).body())
                .getMap("efs.'" + FakeAccountResource.FILE_SYSTEM + "'").size();
    }

    @Test
    void whileParkedNoMountTargetIsCreatedAndOnceLiftedItIs() throws Exception {
        FakeAccountParameters.of(endpoint).park(PARKED, "2026-11-03T05:00:00Z", "budget-alert");

        JsonPath parked = run();

        assertThat(parked.getBoolean("overall_success")).as(parked.prettify()).isTrue();
        assertThat(parked.getString("steps.find { it.name == 'count' }.status")).isEqualTo("SUCCEEDED");
        assertThat(parked.getString("steps.find { it.name == 'mount-target' }.detail")).startsWith(
                "parked by the kill switch since 2026-11-03T05:00:00Z (budget-alert); recovery restores it: would "
                        + "create a mount target in ").endsWith("; nothing created");
        assertThat(targets()).isEqualTo(2);

        FakeAccountParameters.of(endpoint).lift(PARKED);
        JsonPath lifted = run();

        assertThat(lifted.getBoolean("overall_success")).as(lifted.prettify()).isTrue();
        assertThat(targets()).isEqualTo(3);
    }
}
