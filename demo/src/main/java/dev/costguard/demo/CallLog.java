package dev.costguard.demo;

/** The one stdout line a call leaves, e.g. `lambda PutFunctionConcurrency relay-connect {"ReservedConcurrentExecutions":0}`. */
final class CallLog {

    private final String service;
    private String operation = "?";
    private String subject = "";
    private String detail = "";
    private String fault = "";

    CallLog(String service) {
        this.service = service;
    }

    CallLog operation(String operation) {
        this.operation = operation;
        return this;
    }

    CallLog subject(String subject) {
        this.subject = subject;
        return this;
    }

    CallLog detail(String detail) {
        this.detail = detail;
        return this;
    }

    /** Marks the call as shaped by a scripted fault, so a test (or a reader of the demo) tells it from the account's own answer. */
    CallLog fault(String what) {
        this.fault = what;
        return this;
    }

    String line(AwsResponse response, AwsError error) {
        StringBuilder line = call();
        if (error != null) {
            line.append(" -> ").append(response.status()).append(' ').append(error.code()).append(": ").append(error.getMessage());
        } else if (response.status() >= 400) {
            line.append(" -> ").append(response.status());
        }
        return finish(line);
    }

    /**
     * The call as one JSON record (service, operation, subject: the resource IDs as the account names them), for the
     * permission check that maps each call to its IAM action and resource ARN (terraform/policy-check/simulate.mjs;
     * the detail carries what a condition key reads, such as the tag keys of a tagging call);
     * {@code signed}: sent by an AWS SDK (SigV4), so made by the code under test rather than by a test's own setup.
     */
    String record(boolean signed) {
        return Json.write(Json.object().put("service", service).put("operation", operation).put("subject", subject)
                .put("detail", detail).put("fault", fault).put("signed", signed));
    }

    /** The line of a call a scripted fault holds without an answer. */
    String unanswered() {
        return finish(call().append(" -> no answer"));
    }

    private StringBuilder call() {
        StringBuilder line = new StringBuilder(service).append(' ').append(operation);
        if (!subject.isEmpty()) {
            line.append(' ').append(subject);
        }
        if (!detail.isEmpty()) {
            line.append(' ').append(detail);
        }
        return line;
    }

    private String finish(StringBuilder line) {
        if (!fault.isEmpty()) {
            line.append(" [fault: ").append(fault).append(']');
        }
        // One call, one line, whatever a client put in a subject or message.
        return line.toString().replace("\r", "\\r").replace("\n", "\\n");
    }
}
