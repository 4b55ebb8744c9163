package dev.costguard.core.report;

/**
 * Thrown by a handler after a run's report is out, when the run left work half done that a retry can finish
 * (Lambda's asynchronous retries re-run the whole invocation). The message is the report's summary, so the
 * error Lambda records says what failed.
 */
public class IncompleteRunException extends RuntimeException {

    private final transient RunReport report;

    public IncompleteRunException(RunReport report) {
        super(report.summary() + " (failed: " + String.join(", ",
                report.steps().stream().filter(StepResult::failed).map(StepResult::name).toList()) + ")");
        this.report = report;
    }

    public RunReport report() {
        return report;
    }
}
