package dev.costguard.demo;

/** The one stdout line a call leaves, e.g. `lambda PutFunctionConcurrency relay-connect {"ReservedConcurrentExecutions":0}`. */
final class CallLog {

    private final String service;
    private String operation = "?";
    private String subject = "";
    private String detail = "";

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

    String line(AwsResponse response, AwsError error) {
        StringBuilder line = new StringBuilder(service).append(' ').append(operation);
        if (!subject.isEmpty()) {
            line.append(' ').append(subject);
        }
        if (!detail.isEmpty()) {
            line.append(' ').append(detail);
        }
        if (error != null) {
            line.append(" -> ").append(response.status()).append(' ').append(error.code()).append(": ").append(error.getMessage());
        } else if (response.status() >= 400) {
            line.append(" -> ").append(response.status());
        }
        // One call, one line, whatever a client put in a subject or message.
        return line.toString().replace("\r", "\\r").replace("\n", "\\n");
    }
}
