package dev.costguard.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.fakes.FakeContext;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.SnapshotCodec;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The fake account as the retried-run handler tests read and arrange it, over its own HTTP API. */
final class PriorStateAccount {

    static final String SNAPSHOT = "/cost-guard/test/kill-switch-snapshot";
    static final String INSTANCE = "i-0c0ffee5eed000001";
    static final String DISTRIBUTION = "E2DEMO0CDN0001";

    private final String endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    PriorStateAccount(String endpoint) {
        this.endpoint = endpoint;
    }

    /** One budget alert through the handler; true when it ended in an error (a run Lambda retries). */
    static boolean budgetAlert(ShutdownHandler handler) throws Exception {
        byte[] event = Files.readAllBytes(Path.of("..", "events", "budget-alert-sns.json"));
        try {
            handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), FakeContext.remaining(300_000));
            return false;
        } catch (dev.costguard.core.report.IncompleteRunException e) {
            return true;
        }
    }

    JsonPath state() throws Exception {
        return JsonPath.from(send(HttpRequest.newBuilder(URI.create(endpoint + "/_demo/state"))));
    }

    /** The prior-state tags on one item, as the fake account holds them. */
    Map<String, String> priorTags(String item) throws Exception {
        Map<String, String> tags = state().getMap("priorTags.'" + item + "'");
        return tags == null ? Map.of() : tags;
    }

    Snapshot snapshot() throws Exception {
        String body = send(HttpRequest.newBuilder(URI.create(endpoint + "/")).header("X-Amz-Target", "AmazonSSM.GetParameter")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"" + SNAPSHOT + "\"}")));
        return SnapshotCodec.decode(JsonPath.from(body).getString("Parameter.Value"));
    }

    void reserve(String function, int reserved) throws Exception {
        send(HttpRequest.newBuilder(URI.create(endpoint + "/2017-10-31/functions/" + function + "/concurrency"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"ReservedConcurrentExecutions\":" + reserved + "}")));
    }

    /** The prior state every test of the sample account expects the kill switch to have recorded. */
    static void assertSampleRecorded(Snapshot snapshot) {
        assertThat(snapshot.functions()).containsExactly(new Snapshot.FunctionConcurrency("relay-connect", null),
                new Snapshot.FunctionConcurrency("relay-disconnect", null),
                new Snapshot.FunctionConcurrency("relay-default", 10));
        assertThat(snapshot.instance()).isEqualTo(new Snapshot.InstanceSnapshot(INSTANCE, "running"));
        assertThat(snapshot.distribution()).isEqualTo(new Snapshot.DistributionSnapshot(DISTRIBUTION, true));
    }

    private String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return response.body();
    }
}
