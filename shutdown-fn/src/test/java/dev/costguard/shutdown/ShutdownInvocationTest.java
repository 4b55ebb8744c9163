package dev.costguard.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.aws.AwsClientConfig;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.fakes.FakeContext;
import dev.costguard.core.json.Json;
import dev.costguard.core.report.IncompleteRunException;
import dev.costguard.core.report.StepStatus;
import dev.costguard.core.settings.InvalidSettingsException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The Lambda entry point without the application around it (ShutdownHandlerTest runs it packaged): the settings
 * check first, then the payload, then the run; an incomplete run ends in an error, any other returns its report.
 */
class ShutdownInvocationTest {

    private final ShutdownFixtures fx = new ShutdownFixtures();
    private final AtomicInteger flowsMade = new AtomicInteger();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private ShutdownHandler handler(String maxAttempts) {
        ShutdownHandler handler = new ShutdownHandler();
        handler.settings = new SettingsGate(List.of(), new AwsClientConfig() {
            public Optional<String> endpointUrl() { return Optional.empty(); }
            public Optional<String> region() { return Optional.empty(); }
            public String maxAttempts() { return maxAttempts; }
            public String callTimeoutSeconds() { return AwsClientConfig.DEFAULT_CALL_TIMEOUT_SECONDS; }
        }, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), fx.time);
        handler.flow = () -> {
            flowsMade.incrementAndGet();
            return fx.flow();
        };
        handler.clock = fx.time;
        return handler;
    }

    private void invoke(ShutdownHandler handler, String payload) throws Exception {
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), output,
                FakeContext.remaining(600_000));
    }

    @Test
    void withABadSettingEvenAMalformedPayloadGetsTheSettingsMessageAndNoFlowIsMade() {
        ShutdownHandler handler = handler("0");

        assertThatThrownBy(() -> invoke(handler, "{\"reason\": \"oops\", \"dry_run\": true}"))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("Invalid Cost Guard settings: COSTGUARD_AWS_MAX_ATTEMPTS 0 is out of range [1, 10]");
        assertThat(flowsMade).hasValue(0);
        assertThat(fx.account.calls()).isEmpty();
    }

    @Test
    void aRunWithAFailedPhaseEndsInAnErrorOnceItsReportIsPublished() {
        fx.account.failing("StopInstances");

        assertThatThrownBy(() -> invoke(handler(AwsClientConfig.DEFAULT_MAX_ATTEMPTS),
                "{\"reason\": \"drill\", \"dryRun\": false}")).isInstanceOfSatisfying(IncompleteRunException.class,
                        e -> assertThat(e.report().steps()).filteredOn(step -> step.status() == StepStatus.FAILED)
                                .extracting(step -> step.name()).containsExactly("stop-instance"));
        assertThat(fx.account.published()).hasSize(1);
        assertThat(output.size()).isZero();
    }

    @Test
    void aCompleteRunReturnsTheReportItPublished() throws Exception {
        invoke(handler(AwsClientConfig.DEFAULT_MAX_ATTEMPTS), "{\"reason\": \"drill\", \"dryRun\": false}");

        JsonNode report = Json.MAPPER.readTree(output.toByteArray());
        assertThat(report.at("/trigger").asText()).isEqualTo("manual");
        assertThat(report.at("/overall_success").asBoolean()).isTrue();
        assertThat(report.at("/steps")).hasSize(9);
        assertThat(fx.account.published()).hasSize(1);
        assertThat(flowsMade).hasValue(1);
    }
}
