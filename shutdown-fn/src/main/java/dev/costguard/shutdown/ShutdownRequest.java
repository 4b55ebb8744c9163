package dev.costguard.shutdown;

import java.util.List;

/**
 * A well-formed request to run the kill switch: either SNS notifications (their topic ARNs still to be checked
 * against the configured triggers) or a manual invocation with a reason.
 */
public record ShutdownRequest(List<String> topicArns, String reason, boolean dryRun) {

    public static ShutdownRequest fromSns(List<String> topicArns) {
        return new ShutdownRequest(List.copyOf(topicArns), null, false);
    }

    public static ShutdownRequest manual(String reason, boolean dryRun) {
        return new ShutdownRequest(List.of(), reason, dryRun);
    }

    public boolean isManual() {
        return topicArns.isEmpty();
    }
}
