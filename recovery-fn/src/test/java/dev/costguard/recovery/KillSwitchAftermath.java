package dev.costguard.recovery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Leaves the fake account as the kill switch would: functions at 0, host stopped, snapshot in SSM. */
final class KillSwitchAftermath {

    private KillSwitchAftermath() {
    }

    static void leave(String endpoint) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (String function : List.of("relay-connect", "relay-disconnect", "relay-default")) {
            send(http, HttpRequest.newBuilder(URI.create(endpoint + "/2017-10-31/functions/" + function + "/concurrency"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"ReservedConcurrentExecutions\":0}")));
        }
        send(http, HttpRequest.newBuilder(URI.create(endpoint + "/")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=StopInstances&Version=2016-11-15&InstanceId.1=i-0c0ffee5eed000001")));
        String snapshot = "{\"schemaVersion\":1,\"takenBy\":\"shutdown\",\"takenAt\":\"2026-11-01T03:00:00Z\","
                + "\"trigger\":\"budget-alert\",\"functions\":[{\"name\":\"relay-connect\",\"reservedConcurrency\":null},"
                + "{\"name\":\"relay-disconnect\",\"reservedConcurrency\":null},{\"name\":\"relay-default\",\"reservedConcurrency\":10}],"
                + "\"instance\":{\"instanceId\":\"i-0c0ffee5eed000001\",\"state\":\"running\"},"
                + "\"distribution\":{\"distributionId\":\"E2DEMO0CDN0001\",\"enabled\":true}}";
        String body = "{\"Name\":\"/cost-guard/test/kill-switch-snapshot\",\"Type\":\"String\",\"Value\":"
                + "\"" + snapshot.replace("\"", "\\\"") + "\"}";
        send(http, HttpRequest.newBuilder(URI.create(endpoint + "/")).header("X-Amz-Target", "AmazonSSM.PutParameter")
                .header("Content-Type", "application/x-amz-json-1.1").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void send(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("the fake account refused the set-up call: " + response.body());
        }
    }
}
