package dev.costguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON record of each call, which the permission check (terraform/policy-check/simulate.mjs) reads. */
class CallRecordsTest {

    @Test
    void eachCallIsOneRecordNamingItsServiceOperationResourceAndWhetherAnSdkSignedIt() throws Exception {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        try (FakeAccountServer server = FakeAccountServer.start(0, FakeAccount.NEVER_BY_TIME,
                new PrintStream(OutputStream.nullOutputStream()), false, new PrintStream(records, true, StandardCharsets.UTF_8))) {
            String body = "{\"Name\":\"/cost-guard/demo/kill-switch-snapshot\"}";
            send(server, body, null);
            send(server, body, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261202/ap-northeast-1/ssm/aws4_request, "
                    + "SignedHeaders=host;x-amz-date, Signature=0123");
        }

        List<JsonNode> lines = records.toString(StandardCharsets.UTF_8).lines().map(line -> {
            try {
                return Json.MAPPER.readTree(line);
            } catch (Exception e) {
                throw new AssertionError(line, e);
            }
        }).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(record -> {
            assertThat(record.get("service").asText()).isEqualTo("ssm");
            assertThat(record.get("operation").asText()).isEqualTo("GetParameter");
            assertThat(record.get("subject").asText()).isEqualTo("/cost-guard/demo/kill-switch-snapshot");
            assertThat(record.get("fault").asText()).isEmpty();
        });
        assertThat(lines.get(0).get("signed").asBoolean()).as("a test's own setup call").isFalse();
        assertThat(lines.get(1).get("signed").asBoolean()).as("an SDK's call").isTrue();
    }

    private static void send(FakeAccountServer server, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "AmazonSSM.GetParameter")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isIn(200, 400);
    }
}
