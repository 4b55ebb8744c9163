package dev.costguard.ecsscheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.aws.AwsClientConfig;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.json.Json;
import dev.costguard.core.settings.InvalidSettingsException;
import dev.costguard.core.settings.SettingsSection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The handler without Quarkus (PIT runs only plain tests): the settings gate comes first, then the run, and the
 * answer is the run's report. The Quarkus handler tests cover the same path through the real wiring.
 */
class EcsSchedulerEntryTest {

    private final EcsFixtures fx = new EcsFixtures().withServices(2, 3);

    private EcsSchedulerHandler handler(SettingsSection section) {
        EcsSchedulerHandler handler = new EcsSchedulerHandler();
        handler.settings = new SettingsGate(List.of(section), new AwsClientConfig() {
            public Optional<String> endpointUrl() { return Optional.empty(); }
            public Optional<String> region() { return Optional.empty(); }
            public String maxAttempts() { return "4"; }
            public String callTimeoutSeconds() { return "20"; }
        }, new PrintStream(OutputStream.nullOutputStream()), fx.time);
        EcsSchedulerFlow flow = fx.flow();
        handler.flow = () -> flow;
        handler.clock = fx.time;
        return handler;
    }

    private static ByteArrayInputStream payload(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBadSettingFailsEveryRunWithItsMessageBeforeAnyCall() {
        EcsSchedulerHandler handler = handler(reader -> reader.zone("costguard.time-zone", "Mars/Olympus"));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();

        assertThatThrownBy(() -> handler.handleRequest(payload("{\"action\":\"stop\"}"), answer, null))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("COSTGUARD_TIME_ZONE 'Mars/Olympus' is not a time zone");

        assertThat(fx.ecs.calls()).isEmpty();
        assertThat(fx.account.calls()).isEmpty();
        assertThat(fx.desired(EcsFixtures.WEB)).isEqualTo(2);
        assertThat(answer.size()).isZero();
    }

    @Test
    void theAnswerIsTheRunsReport() throws Exception {
        EcsSchedulerHandler handler = handler(reader -> { });
        ByteArrayOutputStream answer = new ByteArrayOutputStream();

        handler.handleRequest(payload("{\"action\":\"stop\",\"trigger\":\"schedule\"}"), answer, null);

        JsonNode report = Json.MAPPER.readTree(answer.toByteArray());
        assertThat(report.path("function").asText()).isEqualTo("ecs-scheduler");
        assertThat(report.path("trigger").asText()).isEqualTo("schedule");
        assertThat(report.path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.path("summary").asText()).isEqualTo("Stop by the schedule: 2 of 2 ECS service(s) asleep at 0");
        assertThat(fx.desired(EcsFixtures.WEB)).isZero();
    }
}
