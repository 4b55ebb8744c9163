package dev.costguard.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.json.Json;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunReportLogTest {

    private final FakeTime time = new FakeTime();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    private RunReport report(StepStatus status) {
        return RunReport.of("recovery", "schedule", false, false, "summary", time.instant(), time.instant(),
                List.of(new StepResult("start-instance", status, "detail", time.instant(), Duration.ZERO, List.of())));
    }

    private StepResult notification(StepStatus status) {
        return StepResult.item("notify", status, "detail", time.instant(), Duration.ZERO);
    }

    private JsonNode line(int index) throws Exception {
        return Json.MAPPER.readTree(logged.toString(StandardCharsets.UTF_8).lines().toList().get(index));
    }

    @Test
    void theLevelIsInfoOnlyWhenNoStepAndNoPublishFailed() throws Exception {
        RunReportLog log = new RunReportLog(new PrintStream(logged, true, StandardCharsets.UTF_8), time);

        log.log(report(StepStatus.SUCCEEDED));
        log.log(report(StepStatus.SUCCEEDED).withNotification(notification(StepStatus.SUCCEEDED)));
        log.log(report(StepStatus.SUCCEEDED).withNotification(notification(StepStatus.FAILED)));
        log.log(report(StepStatus.FAILED).withNotification(notification(StepStatus.SUCCEEDED)));

        assertThat(List.of(line(0), line(1), line(2), line(3))).extracting(l -> l.get("level").asText())
                .containsExactly("INFO", "INFO", "ERROR", "ERROR");
        assertThat(line(0).get("event").asText()).isEqualTo("run_report");
        assertThat(line(0).at("/report/function").asText()).isEqualTo("recovery");
    }

    @Test
    void eachLineIsFlushedAtOnceSoAHangingPublishCannotHoldItBack() {
        // No auto-flush and a buffer in between: a line is only seen if the log flushes it.
        RunReportLog log = new RunReportLog(new PrintStream(new BufferedOutputStream(logged, 1 << 16), false,
                StandardCharsets.UTF_8), time);

        log.log(report(StepStatus.SUCCEEDED));
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("\"event\":\"run_report\"");

        log.logNotification(report(StepStatus.SUCCEEDED).withNotification(notification(StepStatus.SUCCEEDED)));
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("\"event\":\"run_report_published\"");
    }

    @Test
    void theStdoutLogWritesToTheProcesssStandardOutput() {
        PrintStream original = System.out;
        System.setOut(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            RunReportLog.stdout(time).log(report(StepStatus.SUCCEEDED));
        } finally {
            System.setOut(original);
        }
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("\"event\":\"run_report\"",
                "\"timestamp\":\"2026-11-01T00:00:00Z\"");
    }
}
