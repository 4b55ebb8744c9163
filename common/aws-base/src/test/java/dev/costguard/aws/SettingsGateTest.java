package dev.costguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.settings.InvalidSettingsException;
import dev.costguard.core.settings.SettingsSection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsGateTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-01T00:05:00Z"), ZoneOffset.UTC);

    private SettingsGate gate(SettingsSection function, RawAwsClientConfig aws) {
        return new SettingsGate(List.of(function), aws, new PrintStream(log, true, StandardCharsets.UTF_8), clock);
    }

    private List<String> logLines() {
        return log.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void theFunctionsAndTheClientsBadVariablesAreOneMessageLoggedOnceAndThrownOnEveryRun() {
        SettingsGate gate = gate(reader -> reader.required("costguard.function-names", Optional.empty(), "the functions"),
                new RawAwsClientConfig("notaurl", null, "0", "x"));

        gate.check();
        for (int run = 0; run < 2; run++) {
            assertThatThrownBy(gate::requireValid).isInstanceOf(InvalidSettingsException.class)
                    .hasMessage("Invalid Cost Guard settings: COSTGUARD_FUNCTION_NAMES is required (the functions); "
                            + "COSTGUARD_AWS_ENDPOINT_URL 'notaurl' is not an absolute http(s) URL (e.g. http://localhost:4566); "
                            + "COSTGUARD_AWS_MAX_ATTEMPTS 0 is out of range [1, 10]; "
                            + "COSTGUARD_AWS_CALL_TIMEOUT_SECONDS 'x' is not a whole number");
        }

        assertThat(logLines()).hasSize(1);
        assertThat(logLines().get(0)).startsWith("{\"timestamp\":\"2026-11-01T00:05:00Z\",\"level\":\"ERROR\",\"event\":\"invalid_settings\"")
                .contains("\"variables\":[\"COSTGUARD_FUNCTION_NAMES\",\"COSTGUARD_AWS_ENDPOINT_URL\",\"COSTGUARD_AWS_MAX_ATTEMPTS\","
                        + "\"COSTGUARD_AWS_CALL_TIMEOUT_SECONDS\"]");
    }

    @Test
    void validSettingsLetRunsThroughAndLogNothing() {
        SettingsGate gate = gate(reader -> reader.required("costguard.function-names", Optional.of("relay"), "the functions"),
                RawAwsClientConfig.defaults());

        gate.requireValid();
        gate.requireValid();

        assertThat(gate.check().valid()).isTrue();
        assertThat(logLines()).isEmpty();
    }
}
