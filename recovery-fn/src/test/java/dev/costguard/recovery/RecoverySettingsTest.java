package dev.costguard.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.aws.AwsClientConfig;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.settings.InvalidSettingsException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecoverySettingsTest {

    private final Map<String, String> env = new HashMap<>(Map.of(
            "function-names", "relay-connect,relay-default",
            "instance-id", "i-0123456789abcdef0",
            "distribution-id", "E2TESTDIST0001",
            "result-topic-arn", "arn:aws:sns:ap-northeast-1:123456789012:result",
            "snapshot-parameter", "/cost-guard/dev/kill-switch-snapshot",
            "health-url", "http://{privateIp}:8080/health"));

    private RecoveryConfig config() {
        return new RecoveryConfig() {
            public Optional<String> functionNames() { return Optional.ofNullable(env.get("function-names")); }
            public Optional<String> instanceId() { return Optional.ofNullable(env.get("instance-id")); }
            public Optional<String> distributionId() { return Optional.ofNullable(env.get("distribution-id")); }
            public Optional<String> resultTopicArn() { return Optional.ofNullable(env.get("result-topic-arn")); }
            public Optional<String> snapshotParameter() { return Optional.ofNullable(env.get("snapshot-parameter")); }
            public Optional<String> healthUrl() { return Optional.ofNullable(env.get("health-url")); }
            public String healthAttempts() { return env.getOrDefault("health-attempts", "5"); }
            public String healthIntervalSeconds() { return env.getOrDefault("health-interval-seconds", "5"); }
            public String startTimeoutSeconds() { return env.getOrDefault("start-timeout-seconds", "120"); }
            public String rateLimitPerSecond() { return "10"; }
            public String poolSize() { return "4"; }
            public String dryRun() { return env.getOrDefault("dry-run", "false"); }
        };
    }

    @Test
    void readsTheDefaultsOfTheSeed() {
        RecoverySettings settings = RecoverySettings.from(config());
        assertThat(settings.healthAttempts()).isEqualTo(5);
        assertThat(settings.healthInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @ParameterizedTest
    @ValueSource(strings = { "function-names", "instance-id", "distribution-id", "result-topic-arn",
            "snapshot-parameter", "health-url" })
    void eachRequiredVariableMissingIsNamed(String property) {
        env.remove(property);
        assertThatThrownBy(() -> RecoverySettings.from(config()))
                .hasMessageContaining("COSTGUARD_" + property.toUpperCase().replace('-', '_') + " is required");
    }

    @Test
    void anUnknownPlaceholderInTheHealthUrlIsRefused() {
        env.put("health-url", "http://{hostName}:8080/health");
        assertThatThrownBy(() -> RecoverySettings.from(config()))
                .hasMessageContaining("COSTGUARD_HEALTH_URL 'http://{hostName}:8080/health' has a placeholder other than");
    }

    @Test
    void aMalformedResultTopicIsNamed() {
        env.put("result-topic-arn", "result");
        assertThatThrownBy(() -> RecoverySettings.from(config()))
                .hasMessageContaining("COSTGUARD_RESULT_TOPIC_ARN 'result' is not an SNS topic ARN");
    }

    /** The start-up check as the function wires it: its own section, then the AWS clients', in one gate. */
    @Test
    void theStartUpCheckNamesTheFunctionsAndTheAwsClientsBadVariablesInOneMessage() {
        env.remove("instance-id");
        env.put("health-attempts", "0");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SettingsGate gate = new SettingsGate(List.of(reader -> RecoverySettings.read(config(), reader)), new AwsClientConfig() {
            public Optional<String> endpointUrl() { return Optional.of("notaurl"); }
            public Optional<String> region() { return Optional.empty(); }
            public String maxAttempts() { return "0"; }
            public String callTimeoutSeconds() { return "x"; }
        }, new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC());

        assertThat(gate.check().variables()).containsExactly("COSTGUARD_INSTANCE_ID", "COSTGUARD_HEALTH_ATTEMPTS",
                "COSTGUARD_AWS_ENDPOINT_URL", "COSTGUARD_AWS_MAX_ATTEMPTS", "COSTGUARD_AWS_CALL_TIMEOUT_SECONDS");
        assertThatThrownBy(gate::requireValid).isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("Invalid Cost Guard settings: ")
                .hasMessageEndingWith("COSTGUARD_AWS_ENDPOINT_URL 'notaurl' is not an absolute http(s) URL (e.g. http://localhost:4566); "
                        + "COSTGUARD_AWS_MAX_ATTEMPTS 0 is out of range [1, 10]; COSTGUARD_AWS_CALL_TIMEOUT_SECONDS 'x' is not a whole number");
        assertThat(log.toString(StandardCharsets.UTF_8).lines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("{").contains("\"event\":\"invalid_settings\"");
    }
}
