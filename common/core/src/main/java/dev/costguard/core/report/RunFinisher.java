package dev.costguard.core.report;

import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Deadline;

/**
 * The one place a run ends: the report line is logged first (so a hanging or failing publish never loses it),
 * then the report is published within the time reserved for it, then the publish's own result is logged.
 * Nothing here throws: a failed publish is recorded on the returned report.
 */
public final class RunFinisher {

    private final RunReportLog log;
    private final ReportPublisher publisher;
    private final CurrentDeadline current;

    public RunFinisher(RunReportLog log, ReportPublisher publisher, CurrentDeadline current) {
        this.log = log;
        this.publisher = publisher;
        this.current = current;
    }

    /** Logs and publishes; {@code deadline} is the run's, whose reserve the publish may now use. */
    public RunReport finish(RunReport report, String topicArn, Deadline deadline) {
        log.log(report);
        current.set(deadline.forReport());
        try {
            RunReport sent = publisher.publish(report, topicArn);
            log.logNotification(sent);
            return sent;
        } finally {
            current.clear();
        }
    }

    /** For a run that must not post to Slack (a refused stranger's notification): logged only. */
    public RunReport logOnly(RunReport report) {
        log.log(report);
        current.clear();
        return report;
    }
}
