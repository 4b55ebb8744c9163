package dev.costguard.core.ports;

import java.util.Optional;

/** Step Functions executions. */
public interface Executions {

    /** Starts an execution of the state machine with the JSON input and returns its ARN. */
    String start(String stateMachineArn, String name, String input);

    Execution describe(String executionArn);

    /** An execution: RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED, with its output or error. */
    record Execution(String arn, String status, Optional<String> output, Optional<String> error, Optional<String> cause) {

        public boolean running() {
            return "RUNNING".equals(status) || "PENDING_REDRIVE".equals(status);
        }
    }
}
