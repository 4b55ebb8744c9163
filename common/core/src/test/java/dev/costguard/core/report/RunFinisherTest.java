package dev.costguard.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.Notifier;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Deadline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunFinisherTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:result";

    private final FakeTime time = new FakeTime();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final RunReportLog log = new RunReportLog(new PrintStream(logged, true, StandardCharsets.UTF_8), time);
    private final CurrentDeadline current = new CurrentDeadline(time);

    private RunReport report() {
        return RunReport.of("shutdown", "budget-alert", false, false, "Kill switch fired: 1 of 2 phases failed",
                time.instant(), time.instant(), List.of(
                        new StepResult("throttle-functions", StepStatus.FAILED, "1 failed", time.instant(), Duration.ZERO, List.of()),
                        new StepResult("stop-instance", StepStatus.SUCCEEDED, "stopping", time.instant(), Duration.ZERO, List.of())));
    }

    private List<String> lines() {
        return logged.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void logsTheReportBeforePublishingItAndThePublishResultAfter() {
        List<Integer> linesAtPublish = new ArrayList<>();
        List<Duration> callTimeoutAtPublish = new ArrayList<>();
        Notifier notifier = (topic, subject, message) -> {
            linesAtPublish.add(lines().size());
            callTimeoutAtPublish.add(current.capCall(Duration.ofSeconds(20)));
            return "msg-1";
        };
        Deadline deadline = Deadline.fromRemaining(time, Duration.ofSeconds(60), Duration.ofSeconds(10));
        time.advance(Duration.ofSeconds(52));

        RunReport sent = new RunFinisher(log, new ReportPublisher(notifier, time), current).finish(report(), TOPIC, deadline);

        assertThat(linesAtPublish).containsExactly(1);
        assertThat(lines()).hasSize(2);
        assertThat(lines().get(0)).contains("\"event\":\"run_report\"").contains("\"level\":\"ERROR\"");
        assertThat(lines().get(1)).contains("\"event\":\"run_report_published\"").contains("msg-1");
        // The steps' time is up, but the publish gets the reserve kept for it (up to the last second).
        assertThat(callTimeoutAtPublish).containsExactly(Duration.ofSeconds(7));
        assertThat(sent.notification().succeeded()).isTrue();
        assertThat(current.capCall(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aFailedPublishIsRecordedAndLoggedNeverThrown() {
        Notifier broken = (topic, subject, message) -> {
            throw new CloudOperationException("Publish", "Publish " + topic + " failed: AuthorizationError (HTTP 403)");
        };

        RunReport sent = new RunFinisher(log, new ReportPublisher(broken, time), current)
                .finish(report(), TOPIC, Deadline.unbounded(time));

        assertThat(sent.notification().failed()).isTrue();
        assertThat(lines()).hasSize(2);
        assertThat(lines().get(1)).contains("\"level\":\"ERROR\"").contains("AuthorizationError");
    }

    @Test
    void anIncompleteRunNamesItsFailedSteps() {
        assertThat(new IncompleteRunException(report()).getMessage())
                .isEqualTo("Kill switch fired: 1 of 2 phases failed (failed: throttle-functions)");
    }

    @Test
    void aLogOnlyRunIsLoggedNotPublishedAndLeavesNoDeadlineBehind() {
        current.set(Deadline.fromRemaining(time, Duration.ofSeconds(30), Duration.ofSeconds(10)));
        RunReport report = report();

        RunReport returned = new RunFinisher(log, new ReportPublisher((topic, subject, message) -> {
            throw new AssertionError("a log-only run must not publish");
        }, time), current).logOnly(report);

        assertThat(returned).isSameAs(report);
        assertThat(returned.notification()).isNull();
        assertThat(lines()).hasSize(1);
        assertThat(lines().get(0)).contains("\"event\":\"run_report\"");
        assertThat(current.capCall(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void anIncompleteRunCarriesItsReport() {
        RunReport report = report();
        assertThat(new IncompleteRunException(report).report()).isSameAs(report);
    }
}
