package dev.costguard.efsscaler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.json.Json;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventLogTest {

    private static final Instant NOW = Instant.parse("2026-11-02T03:00:00Z");

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    /** Buffered and never flushed by itself, like a stream whose buffer a Lambda timeout would throw away. */
    private final EventLog log = new EventLog(new PrintStream(new BufferedOutputStream(written, 1 << 16), false,
            StandardCharsets.UTF_8), new FakeTime(NOW));

    private JsonNode onlyLine() throws Exception {
        String text = written.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        return Json.MAPPER.readTree(text);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "SUCCEEDED, INFO", "SKIPPED, INFO", "FAILED, ERROR" })
    void aStepIsOneLineWhoseLevelSaysWhetherItFailed(StepStatus status, String level) throws Exception {
        log.step(StepResult.item("publish", status, "the detail", NOW, Duration.ZERO));

        JsonNode line = onlyLine();
        assertThat(line.path("timestamp").asText()).isEqualTo(NOW.toString());
        assertThat(line.path("level").asText()).isEqualTo(level);
        assertThat(line.path("function").asText()).isEqualTo("efs-scaler");
        assertThat(line.path("event").asText()).isEqualTo("step");
        assertThat(line.path("step").asText()).isEqualTo("publish");
        assertThat(line.path("status").asText()).isEqualTo(status.name());
        assertThat(line.path("detail").asText()).isEqualTo("the detail");
    }

    @Test
    void anEventCarriesItsFields() throws Exception {
        log.event("mount_target_poll", Map.of("mount_target_id", "fsmt-new1", "look", "2"));

        JsonNode line = onlyLine();
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("event").asText()).isEqualTo("mount_target_poll");
        assertThat(line.path("mount_target_id").asText()).isEqualTo("fsmt-new1");
        assertThat(line.path("look").asText()).isEqualTo("2");
    }

    /** The line is out when the call returns, not when a buffer fills: a run cut short still leaves its trail. */
    @Test
    void eachLineIsOutWhenTheCallReturns() {
        log.event("run_started", Map.of("trigger", "schedule"));

        assertThat(written.toString(StandardCharsets.UTF_8)).contains("\"event\":\"run_started\"").endsWith("\n");
    }
}
