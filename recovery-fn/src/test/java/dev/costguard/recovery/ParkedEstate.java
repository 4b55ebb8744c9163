package dev.costguard.recovery;

import static io.restassured.RestAssured.given;

import dev.costguard.core.ports.ScalableTargets.Capacity;
import dev.costguard.core.snapshot.ServicePriorTags;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.Snapshot.ServiceCapacity;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.demo.FakeAccountServer;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fake account as the kill switch leaves it with its sample ECS cluster parked (web was at 2, api at 3 with a
 * scalable target 1..4): functions at 0, host stopped, services at 0 with their sizes in the snapshot and in their
 * cost-guard:prior-* tags, the parked marker written. Every set-up call goes to the fake account over HTTP.
 */
final class ParkedEstate {

    static final String SNAPSHOT = "/cost-guard/test/kill-switch-snapshot";
    static final String PARKED = "/cost-guard/test/parked";
    static final String SCHEDULER = "/cost-guard/test/ecs-scheduler-snapshot";
    private static final String ARN_PREFIX = "arn:aws:ecs:eu-west-1:123456789012:service/demo-cluster/";
    private static final Instant PARKED_AT = Instant.parse("2026-11-03T05:00:00Z");

    private ParkedEstate() {
    }

    /**
     * Recovery's settings with the sample services; business hours in a zone whose clock reads noon now (so a test
     * run hours long stays on the same side of them): "MON-SUN 09:00-15:00" inside, "MON-SUN 01:00-02:00" outside.
     */
    static Map<String, String> settings(FakeAccountServer server, boolean awakeNow) {
        Map<String, String> settings = new HashMap<>(new FakeAccountResource().settings(server));
        int utcHour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        settings.put("costguard.ecs-services", "demo-cluster/web,demo-cluster/api");
        settings.put("costguard.ecs-scheduler-parameter", SCHEDULER);
        settings.put("costguard.ecs-time-zone", ZoneOffset.ofHours(12 - utcHour).getId());
        settings.put("costguard.ecs-business-hours", awakeNow ? "MON-SUN 09:00-15:00" : "MON-SUN 01:00-02:00");
        return settings;
    }

    /**
     * Parks the estate; with {@code apiSizeInSnapshot} false the snapshot records api's size as unknown (its read
     * failed), so recovery must take it from the service's tags.
     */
    static void leave(String endpoint, boolean apiSizeInSnapshot) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (String function : List.of("relay-connect", "relay-disconnect", "relay-default")) {
            send(http, HttpRequest.newBuilder(URI.create(endpoint + "/2017-10-31/functions/" + function + "/concurrency"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"ReservedConcurrentExecutions\":0}")));
        }
        send(http, HttpRequest.newBuilder(URI.create(endpoint + "/")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=StopInstances&Version=2016-11-15&InstanceId.1=i-0c0ffee5eed000001")));
        for (String service : List.of("web", "api")) {
            json(http, endpoint, "AmazonEC2ContainerServiceV20141113.UpdateService",
                    "{\"cluster\":\"demo-cluster\",\"service\":\"" + service + "\",\"desiredCount\":0}");
        }
        json(http, endpoint, "AnyScaleFrontendService.RegisterScalableTarget", "{\"ServiceNamespace\":\"ecs\","
                + "\"ResourceId\":\"service/demo-cluster/api\",\"ScalableDimension\":\"ecs:service:DesiredCount\","
                + "\"MinCapacity\":0,\"MaxCapacity\":0}");
        tag(http, endpoint, "web", ServicePriorTags.tags(2, Optional.empty(), PARKED_AT));
        tag(http, endpoint, "api", ServicePriorTags.tags(3, Optional.of(new Capacity(1, 4)), PARKED_AT));
        Snapshot snapshot = new Snapshot(Snapshot.CURRENT_VERSION, "shutdown", PARKED_AT, "budget-alert",
                List.of(new Snapshot.FunctionConcurrency("relay-connect", null),
                        new Snapshot.FunctionConcurrency("relay-disconnect", null),
                        new Snapshot.FunctionConcurrency("relay-default", 10)),
                new Snapshot.InstanceSnapshot("i-0c0ffee5eed000001", "running"),
                new Snapshot.DistributionSnapshot("E2DEMO0CDN0001", true),
                List.of(new ServiceCapacity("demo-cluster", "web", 2, null, null),
                        apiSizeInSnapshot ? new ServiceCapacity("demo-cluster", "api", 3, 1, 4)
                                : ServiceCapacity.unknown("demo-cluster", "api", null, null, "DescribeServices was throttled")));
        putParameter(http, endpoint, SNAPSHOT, SnapshotCodec.encode(snapshot));
        putParameter(http, endpoint, PARKED, "{\"parked_since\":\"2026-11-03T05:00:00Z\",\"trigger\":\"budget-alert\"}");
    }

    static JsonPath recover() throws IOException {
        return JsonPath.from(given().contentType("application/json")
                .body(Files.readString(Path.of("..", "events", "recovery-schedule.json")))
                .when().post().then().statusCode(200).extract().asString());
    }

    static JsonPath state(String endpoint) throws IOException, InterruptedException {
        return JsonPath.from(send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(endpoint + "/_demo/state"))));
    }

    static String parameter(String endpoint, String name) throws IOException, InterruptedException {
        return JsonPath.from(json(HttpClient.newHttpClient(), endpoint, "AmazonSSM.GetParameter", "{\"Name\":\"" + name + "\"}"))
                .getString("Parameter.Value");
    }

    private static void tag(HttpClient http, String endpoint, String service, Map<String, String> tags)
            throws IOException, InterruptedException {
        StringBuilder list = new StringBuilder();
        tags.forEach((key, value) -> list.append(list.isEmpty() ? "" : ",")
                .append("{\"key\":\"").append(key).append("\",\"value\":\"").append(value).append("\"}"));
        json(http, endpoint, "AmazonEC2ContainerServiceV20141113.TagResource",
                "{\"resourceArn\":\"" + ARN_PREFIX + service + "\",\"tags\":[" + list + "]}");
    }

    private static void putParameter(HttpClient http, String endpoint, String name, String value)
            throws IOException, InterruptedException {
        json(http, endpoint, "AmazonSSM.PutParameter", "{\"Name\":\"" + name + "\",\"Type\":\"String\",\"Value\":\""
                + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    private static String json(HttpClient http, String endpoint, String target, String body)
            throws IOException, InterruptedException {
        return send(http, HttpRequest.newBuilder(URI.create(endpoint + "/")).header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.1").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String send(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("the fake account refused the set-up call: " + response.body());
        }
        return response.body();
    }
}
