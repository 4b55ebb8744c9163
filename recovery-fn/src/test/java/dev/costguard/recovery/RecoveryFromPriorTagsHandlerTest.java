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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scheduled recovery through the packaged function and the fake account, after a kill switch whose snapshot
 * write failed: the items carry their prior state in cost-guard:prior-* tags (as the shutdown-fn handler tests
 * leave them). Everything comes back as it was, and no tag stays behind.
 */
@QuarkusTest
@WithTestResource(RecoveryFromPriorTagsHandlerTest.OwnAccount.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecoveryFromPriorTagsHandlerTest {

    /** A fresh account of its own. */
    public static class OwnAccount extends FakeAccountResource {
    }

    private static final String INSTANCE = "i-0c0ffee5eed000001";
    private static final String DISTRIBUTION = "E2DEMO0CDN0001";
    private static final String SNAPSHOT = "/cost-guard/test/kill-switch-snapshot";

    @ConfigProperty(name = "costguard.aws.endpoint-url")
    String endpoint;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Order(1)
    void afterARetriedKillSwitchTheSnapshotAndTagsBringTheWholeStackBack() throws Exception {
        stoppedAndTagged("none");
        // What the retried run now saves: the state before run 1, not run 1's work.
        String snapshot = "{\"schemaVersion\":2,\"takenBy\":\"shutdown\",\"takenAt\":\"2026-11-01T03:00:05Z\","
                + "\"trigger\":\"budget-alert\",\"functions\":[{\"name\":\"relay-connect\"},{\"name\":\"relay-disconnect\"},"
                + "{\"name\":\"relay-default\",\"reservedConcurrency\":10}],"
                + "\"instance\":{\"instanceId\":\"" + INSTANCE + "\",\"state\":\"running\"},"
                + "\"distribution\":{\"distributionId\":\"" + DISTRIBUTION + "\",\"enabled\":true}}";
        send(HttpRequest.newBuilder(URI.create(endpoint + "/")).header("X-Amz-Target", "AmazonSSM.PutParameter")
                .header("Content-Type", "application/x-amz-json-1.1").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"Name\":\"" + SNAPSHOT + "\",\"Type\":\"String\",\"Value\":\"" + snapshot.replace("\"", "\\\"")
                                + "\"}")));

        JsonPath report = recover();

        assertThat(report.getBoolean("overall_success")).as(report.prettify()).isTrue();
        JsonPath account = state();
        assertThat(account.getMap("lambda")).containsEntry("relay-default", 10).containsEntry("relay-connect", null);
        assertThat(account.getString("ec2.'" + INSTANCE + "'.state")).isEqualTo("running");
        assertThat(account.getBoolean("cloudfront." + DISTRIBUTION + ".enabled")).isTrue();
        assertThat(account.getMap("priorTags")).isEmpty();
        assertThat(account.getList("ssm.parameters")).doesNotContain(SNAPSHOT);
    }

    @Test
    @Order(2)
    void withoutAnySnapshotTheTagsAloneBringTheStackBackAndAFunctionAtZeroStaysAtZero() throws Exception {
        stoppedAndTagged("0");

        JsonPath report = recover();

        assertThat(report.getBoolean("overall_success")).as(report.prettify()).isTrue();
        assertThat(report.getString("summary")).startsWith("Recovery complete: restored the state recorded in the"
                + " items' cost-guard:prior-* tags");
        JsonPath account = state();
        assertThat(account.getMap("lambda")).containsEntry("relay-default", 10).containsEntry("relay-connect", 0)
                .containsEntry("relay-disconnect", null);
        assertThat(account.getString("ec2.'" + INSTANCE + "'.state")).isEqualTo("running");
        assertThat(account.getBoolean("cloudfront." + DISTRIBUTION + ".enabled")).isTrue();
        assertThat(account.getMap("priorTags")).isEmpty();
    }

    /** The account as a kill switch leaves it: all at 0, host stopped, distribution disabled, prior state tagged. */
    private void stoppedAndTagged(String connectBefore) throws Exception {
        for (String function : new String[] {"relay-connect", "relay-disconnect", "relay-default"}) {
            send(HttpRequest.newBuilder(URI.create(endpoint + "/2017-10-31/functions/" + function + "/concurrency"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"ReservedConcurrentExecutions\":0}")));
        }
        tagFunction("relay-connect", connectBefore);
        tagFunction("relay-disconnect", "none");
        tagFunction("relay-default", "10");
        ec2("Action=StopInstances&Version=2016-11-15&InstanceId.1=" + INSTANCE);
        ec2("Action=CreateTags&Version=2016-11-15&ResourceId.1=" + INSTANCE
                + "&Tag.1.Key=cost-guard%3Aprior-state&Tag.1.Value=running");
        String etag = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/2020-05-31/distribution/" + DISTRIBUTION
                + "/config")).build(), HttpResponse.BodyHandlers.ofString()).headers().firstValue("ETag").orElseThrow();
        send(HttpRequest.newBuilder(URI.create(endpoint + "/2020-05-31/distribution/" + DISTRIBUTION + "/config"))
                .header("If-Match", etag).PUT(HttpRequest.BodyPublishers.ofString(
                        "<DistributionConfig xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\"><Enabled>false</Enabled>"
                                + "</DistributionConfig>")));
        send(HttpRequest.newBuilder(URI.create(endpoint + "/2020-05-31/tagging?Operation=Tag&Resource=arn%3Aaws%3Acloudfront"
                + "%3A%3A123456789012%3Adistribution%2F" + DISTRIBUTION)).POST(HttpRequest.BodyPublishers.ofString(
                        "<Tags xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\"><Items><Tag><Key>cost-guard:prior-enabled"
                                + "</Key><Value>true</Value></Tag></Items></Tags>")));
        assertThat(state().getMap("priorTags")).hasSize(5);
    }

    private void tagFunction(String function, String reserved) throws Exception {
        send(HttpRequest.newBuilder(URI.create(endpoint + "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012"
                + "%3Afunction%3A" + function)).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"Tags\":{\"cost-guard:prior-reserved-concurrency\":\"" + reserved + "\"}}")));
    }

    private void ec2(String form) throws Exception {
        send(HttpRequest.newBuilder(URI.create(endpoint + "/")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static JsonPath recover() throws Exception {
        return JsonPath.from(given().contentType("application/json")
                .body(Files.readString(Path.of("..", "events", "recovery-schedule.json")))
                .when().post().then().statusCode(200).extract().asString());
    }

    private JsonPath state() throws Exception {
        return JsonPath.from(send(HttpRequest.newBuilder(URI.create(endpoint + "/_demo/state"))));
    }

    private String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return response.body();
    }
}
