package dev.costguard.core.report;

import dev.costguard.core.ports.Notifier;
import dev.costguard.core.run.StepRunner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends a finished run's report to the result topic and records, on the report, whether that worked.
 * A failed publish is reported, never thrown: the report is still logged and returned.
 */
public final class ReportPublisher {

    private final Notifier notifier;
    private final Clock clock;

    public ReportPublisher(Notifier notifier, Clock clock) {
        this.notifier = notifier;
        this.clock = clock;
    }

    public RunReport publish(RunReport report, String topicArn) {
        Instant start = clock.instant();
        StepResult sent;
        try {
            String messageId = notifier.publish(topicArn, ChatNotification.subject(report), ChatNotification.message(report));
            sent = new StepResult("notify", StepStatus.SUCCEEDED, "published to " + topicArn + " as " + messageId,
                    start, Duration.between(start, clock.instant()), List.of());
        } catch (RuntimeException e) {
            sent = new StepResult("notify", StepStatus.FAILED, StepRunner.describe(e), start,
                    Duration.between(start, clock.instant()), List.of());
        }
        return report.withNotification(sent);
    }
}
