package dev.costguard.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsCheckTest {

    private static final SettingsSection FUNCTION = reader -> {
        reader.instanceId("costguard.instance-id", Optional.of("i-bad"), "the host");
        reader.integer("costguard.drain-seconds", "30", 0, 120);
        reader.topicArn("costguard.result-topic-arn", Optional.empty(), "the report topic");
    };
    private static final SettingsSection CLIENTS = reader -> {
        reader.integer("costguard.aws.max-attempts", "0", 1, 10);
        reader.integer("costguard.aws.call-timeout-seconds", "x", 1, 900);
    };

    @Test
    void everySectionsProblemsEndUpInOneExceptionInTheOrderFound() {
        SettingsCheck check = SettingsCheck.of(List.of(FUNCTION, CLIENTS));

        assertThat(check.valid()).isFalse();
        assertThat(check.variables()).containsExactly("COSTGUARD_INSTANCE_ID", "COSTGUARD_RESULT_TOPIC_ARN",
                "COSTGUARD_AWS_MAX_ATTEMPTS", "COSTGUARD_AWS_CALL_TIMEOUT_SECONDS");
        assertThatThrownBy(check::requireValid).isInstanceOf(InvalidSettingsException.class).hasMessage("Invalid Cost Guard settings: "
                + "COSTGUARD_INSTANCE_ID 'i-bad' is not an EC2 instance id (i-0123456789abcdef0); "
                + "COSTGUARD_RESULT_TOPIC_ARN is required (the report topic); "
                + "COSTGUARD_AWS_MAX_ATTEMPTS 0 is out of range [1, 10]; "
                + "COSTGUARD_AWS_CALL_TIMEOUT_SECONDS 'x' is not a whole number");
    }

    @Test
    void theLogLineIsOneJsonObjectWithTheMessageAndEachVariable() throws Exception {
        SettingsCheck check = SettingsCheck.of(List.of(FUNCTION, CLIENTS));

        String line = check.logLine(Instant.parse("2026-11-01T00:05:00Z"));

        assertThat(line).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("timestamp").asText()).isEqualTo("2026-11-01T00:05:00Z");
        assertThat(json.path("level").asText()).isEqualTo("ERROR");
        assertThat(json.path("event").asText()).isEqualTo("invalid_settings");
        assertThat(json.path("message").asText()).isEqualTo(catchMessage(check));
        assertThat(json.path("variables")).extracting(JsonNode::asText).containsExactly("COSTGUARD_INSTANCE_ID",
                "COSTGUARD_RESULT_TOPIC_ARN", "COSTGUARD_AWS_MAX_ATTEMPTS", "COSTGUARD_AWS_CALL_TIMEOUT_SECONDS");
        assertThat(json.path("problems")).hasSize(4);
    }

    @Test
    void validSettingsPassAndAVariableWithTwoProblemsIsNamedOnce() {
        assertThat(SettingsCheck.of(List.of(reader -> reader.integer("costguard.pool-size", "4", 1, 32))).valid()).isTrue();

        SettingsCheck twice = SettingsCheck.of(List.of(reader -> {
            reader.problem("costguard.health-url", "is not an http(s) URL");
            reader.problem("costguard.health-url", "has an unknown placeholder");
        }));
        assertThat(twice.variables()).containsExactly("COSTGUARD_HEALTH_URL");
        assertThat(twice.problems()).hasSize(2);
    }

    private static String catchMessage(SettingsCheck check) {
        try {
            check.requireValid();
            throw new AssertionError("expected the check to fail");
        } catch (InvalidSettingsException e) {
            return e.getMessage();
        }
    }
}
