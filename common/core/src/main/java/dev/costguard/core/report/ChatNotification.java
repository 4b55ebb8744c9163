package dev.costguard.core.report;

import dev.costguard.core.json.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Turns a run report into the custom-notification JSON that AWS Chatbot (Amazon Q Developer in chat
 * applications) renders in Slack, carrying the full report as JSON in its metadata.
 */
public final class ChatNotification {

    private static final int MAX_SUBJECT = 99;

    private ChatNotification() {
    }

    public static String subject(RunReport report) {
        String subject = "Cost Guard " + report.function() + ": " + report.outcome()
                + (report.dryRun() ? " (dry run)" : "");
        return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT);
    }

    public static String title(RunReport report) {
        String icon = switch (report.outcome()) {
            case SUCCEEDED -> ":white_check_mark:";
            case FAILED -> ":rotating_light:";
            case SKIPPED -> ":information_source:";
        };
        return icon + " " + subject(report);
    }

    /** One line per step, with its status and detail, under the run's summary. */
    public static String description(RunReport report) {
        StringBuilder text = new StringBuilder();
        text.append(report.summary()).append('\n');
        text.append("Trigger: ").append(report.trigger()).append('\n');
        for (StepResult step : report.steps()) {
            text.append("• *").append(step.name()).append("*: ")
                    .append(step.status().name().toLowerCase(Locale.ROOT));
            if (step.detail() != null && !step.detail().isBlank()) {
                text.append(" — ").append(step.detail());
            }
            text.append('\n');
            for (StepResult item : step.items()) {
                if (item.status() != StepStatus.SUCCEEDED) {
                    text.append("    ◦ ").append(item.name()).append(": ")
                            .append(item.status().name().toLowerCase(Locale.ROOT)).append(" — ")
                            .append(item.detail()).append('\n');
                }
            }
        }
        return text.toString().strip();
    }

    public static String message(RunReport report) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", "1.0");
        root.put("source", "custom");
        root.put("id", report.function() + "-" + report.startedAt().toEpochMilli());
        ObjectNode content = root.putObject("content");
        content.put("textType", "client-markdown");
        content.put("title", title(report));
        content.put("description", description(report));
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("summary", report.summary());
        metadata.put("eventType", "cost-guard." + report.function());
        metadata.put("enableCustomActions", false);
        ObjectNode context = metadata.putObject("additionalContext");
        context.put("outcome", report.outcome().name());
        context.put("overall_success", Boolean.toString(report.overallSuccess()));
        context.put("report", Json.write(report));
        return Json.write(root);
    }
}
