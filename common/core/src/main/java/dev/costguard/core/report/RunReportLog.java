package dev.costguard.core.report;

import dev.costguard.core.json.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;

/**
 * Writes a run's report as one JSON line, so CloudWatch Logs Insights can query every field
 * (e.g. {@code filter report.overall_success = 0}).
 */
public final class RunReportLog {

    private final PrintStream out;
    private final Clock clock;

    public RunReportLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public static RunReportLog stdout(Clock clock) {
        return new RunReportLog(System.out, clock);
    }

    public void log(RunReport report) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", report.overallSuccess() && notificationOk(report) ? "INFO" : "ERROR");
        line.put("event", "run_report");
        line.set("report", Json.MAPPER.valueToTree(report));
        out.println(Json.write(line));
        out.flush();
    }

    /** The second line of a run: whether its report reached the result topic. */
    public void logNotification(RunReport report) {
        if (report.notification() == null) {
            return;
        }
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", report.notification().failed() ? "ERROR" : "INFO");
        line.put("event", "run_report_published");
        line.put("function", report.function());
        line.set("notification", Json.MAPPER.valueToTree(report.notification()));
        out.println(Json.write(line));
        out.flush();
    }

    private static boolean notificationOk(RunReport report) {
        return report.notification() == null || !report.notification().failed();
    }
}
