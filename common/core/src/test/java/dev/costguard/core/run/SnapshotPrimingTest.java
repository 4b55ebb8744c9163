package dev.costguard.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotPrimingTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final SnapshotPriming priming = new SnapshotPriming(new PrintStream(out, true, StandardCharsets.UTF_8),
            Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void formatsTheSampleReportAsARunWouldButWritesNothing() {
        String formatted = priming.formatReport("shutdown");

        // What a run writes and publishes: the report line, the notification line, the chat subject and message.
        List<String> lines = formatted.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("\"event\":\"run_report\"", "\"function\":\"shutdown\"", "sample-item");
        assertThat(lines.get(1)).contains("\"event\":\"run_report_published\"", "\"function\":\"shutdown\"");
        assertThat(lines.get(3)).contains("\"source\":\"custom\"", "\"eventType\":\"cost-guard.shutdown\"");
        // Nothing reaches the function's log: a report line there would read as a run that never happened.
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(priming.failed()).isEmpty();
    }

    @Test
    void aFailedReadIsLoggedAsOneJsonLineAndSkipped() {
        priming.read("DescribeInstances", () -> {
            throw new IllegalStateException("no such instance");
        }).read("GetParameter", () -> "value");

        assertThat(priming.failed()).containsExactly("DescribeInstances");
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).startsWith("{")
                .contains("\"event\":\"snapshot_priming_read_failed\"", "\"call\":\"DescribeInstances\"",
                        "\"error\":\"no such instance\"")
                .doesNotContain("\n");
    }

    @Test
    void theStdoutPrimingLogsToTheProcesssStandardOutput() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SnapshotPriming.stdout(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC))
                    .read("ListFunctions", () -> {
                        throw new IllegalStateException("denied");
                    });
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("\"call\":\"ListFunctions\"",
                "\"timestamp\":\"2026-12-01T00:00:00Z\"");
    }
}
