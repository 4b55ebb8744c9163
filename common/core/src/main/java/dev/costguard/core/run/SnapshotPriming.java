package dev.costguard.core.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costguard.core.json.Json;
import dev.costguard.core.report.ChatNotification;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads done once before Lambda takes a SnapStart snapshot, so the snapshot already holds the built clients and
 * the classes a first call loads (SDK marshallers, signers, response models, Jackson). Only reads: a snapshot is
 * taken when a version is published, not for a run, and must change nothing. A failed read is logged as one JSON
 * line and skipped, because a resource missing at deployment time must not fail the deployment.
 */
public final class SnapshotPriming {

    private final PrintStream out;
    private final Clock clock;
    private final List<String> failed = new ArrayList<>();

    public SnapshotPriming(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public static SnapshotPriming stdout(Clock clock) {
        return new SnapshotPriming(System.out, clock);
    }

    /** Runs one read-only call; its answer is thrown away. */
    public SnapshotPriming read(String call, Supplier<?> read) {
        try {
            read.get();
        } catch (RuntimeException e) {
            failed.add(call);
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("timestamp", clock.instant().toString());
            line.put("level", "WARN");
            line.put("event", "snapshot_priming_read_failed");
            line.put("call", call);
            line.put("error", String.valueOf(e.getMessage()));
            out.println(line);
        }
        return this;
    }

    /**
     * Formats a sample report of this function the way a run's report is formatted (its log lines and the chat
     * message it publishes), into memory only: a log line of a run that never happened would mislead whoever reads
     * the logs. After it, the snapshot holds Jackson's serialisers for the report and the formatting code, which a
     * restored first invocation otherwise loads (about 200 of its 540 classes, docs/BENCHMARKS.md).
     *
     * @return the sample's log lines and chat message, for tests
     */
    public String formatReport(String function) {
        Instant at = clock.instant();
        StepResult item = StepResult.item("sample-item", StepStatus.SUCCEEDED, "formatted before the snapshot", at,
                Duration.ZERO);
        List<StepResult> steps = List.of(
                new StepResult("sample-step", StepStatus.SUCCEEDED, "formatted before the snapshot", at, Duration.ZERO,
                        List.of(item)),
                StepResult.item("sample-skipped", StepStatus.SKIPPED, "formatted before the snapshot", at,
                        Duration.ZERO));
        RunReport sample = RunReport.of(function, "snapshot-priming", true, false, "a sample report", at, at, steps)
                .withNotification(StepResult.item("notify", StepStatus.SUCCEEDED, "not sent", at, Duration.ZERO));
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        RunReportLog log = new RunReportLog(new PrintStream(lines, true, StandardCharsets.UTF_8), clock);
        log.log(sample);
        log.logNotification(sample);
        return lines.toString(StandardCharsets.UTF_8) + ChatNotification.subject(sample) + "\n"
                + ChatNotification.message(sample);
    }

    /** The reads that failed, in order. */
    public List<String> failed() {
        return List.copyOf(failed);
    }
}
