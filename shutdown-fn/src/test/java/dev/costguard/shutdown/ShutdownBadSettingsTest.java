package dev.costguard.shutdown;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged kill switch started with bad settings, its own and the AWS clients': every invocation fails before any
 * AWS call with one message naming every bad variable, which is the errorMessage Lambda returns.
 */
@QuarkusTest
@WithTestResource(ShutdownBadSettingsTest.BadSettings.class)
class ShutdownBadSettingsTest {

    /** As a hand-edited Lambda environment might be: one variable missing, five malformed. */
    public static class BadSettings implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.ofEntries(
                    Map.entry("costguard.function-names", ""),
                    Map.entry("costguard.instance-id", "i-notahost"),
                    Map.entry("costguard.distribution-id", "E2DEMO0CDN0001"),
                    Map.entry("costguard.alert-topic-arn", "arn:aws:sns:ap-northeast-1:123456789012:alert"),
                    Map.entry("costguard.result-topic-arn", "arn:aws:sns:ap-northeast-1:123456789012:result"),
                    Map.entry("costguard.snapshot-parameter", "/cost-guard/test/snapshot"),
                    Map.entry("costguard.parked-parameter", "/cost-guard/test/parked"),
                    Map.entry("costguard.aws.endpoint-url", "notaurl"),
                    Map.entry("costguard.aws.max-attempts", "0"),
                    Map.entry("costguard.aws.call-timeout-seconds", "x"),
                    Map.entry("costguard.aws.region", "Tokyo"));
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void everyInvocationFailsWithOneMessageNamingEveryBadVariable() {
        for (String payload : new String[] { "{\"reason\": \"drill\", \"dryRun\": true}", "{\"reason\": \"drill\", \"dryRun\": false}" }) {
            JsonPath error = given().contentType("application/json").body(payload)
                    .when().post().then().statusCode(500).extract().jsonPath();

            assertThat(error.getString("errorType")).isEqualTo("dev.costguard.core.settings.InvalidSettingsException");
            assertThat(error.getString("errorMessage")).isEqualTo("Invalid Cost Guard settings: "
                    + "COSTGUARD_FUNCTION_NAMES is required (the Lambda functions to throttle, comma-separated); "
                    + "COSTGUARD_INSTANCE_ID 'i-notahost' is not an EC2 instance id (i-0123456789abcdef0); "
                    + "COSTGUARD_AWS_ENDPOINT_URL 'notaurl' is not an absolute http(s) URL (e.g. http://localhost:4566); "
                    + "COSTGUARD_AWS_REGION 'Tokyo' is not an AWS region (e.g. ap-northeast-1); "
                    + "COSTGUARD_AWS_MAX_ATTEMPTS 0 is out of range [1, 10]; "
                    + "COSTGUARD_AWS_CALL_TIMEOUT_SECONDS 'x' is not a whole number");
        }
    }
}
