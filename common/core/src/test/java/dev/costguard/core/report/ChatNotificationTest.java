package dev.costguard.core.report;

import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.json.Json;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.Notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatNotificationTest {

    private final Instant start = Instant.parse("2026-11-01T00:00:00Z");

    private RunReport failedReport() {
        List<StepResult> steps = List.of(
                new StepResult("throttle-functions", StepStatus.FAILED, "3 functions: 2 succeeded, 1 failed", start,
                        Duration.ofMillis(300), List.of(StepResult.item("relay-b", StepStatus.FAILED,
                                "PutFunctionConcurrency relay-b failed: ThrottlingException", start, Duration.ZERO))),
                new StepResult("stop-instance", StepStatus.SUCCEEDED, "i-1 stopping", start, Duration.ofMillis(20), List.of()));
        return RunReport.of("shutdown", "budget-alert", false, false, "Kill switch fired: 1 of 2 phases failed", start,
                start.plusSeconds(2), steps);
    }

    @Test
    void isAChatbotCustomNotificationCarryingTheFullReport() throws Exception {
        JsonNode message = Json.MAPPER.readTree(ChatNotification.message(failedReport()));

        assertThat(message.get("version").asText()).isEqualTo("1.0");
        assertThat(message.get("source").asText()).isEqualTo("custom");
        assertThat(message.at("/content/title").asText()).contains("FAILED");
        assertThat(message.at("/content/description").asText())
                .contains("Kill switch fired: 1 of 2 phases failed")
                .contains("*throttle-functions*: failed")
                .contains("relay-b: failed — PutFunctionConcurrency relay-b failed: ThrottlingException");
        JsonNode report = Json.MAPPER.readTree(message.at("/metadata/additionalContext/report").asText());
        assertThat(report.get("overall_success").asBoolean()).isFalse();
        assertThat(report.get("steps")).hasSize(2);
        assertThat(report.at("/steps/0/items/0/name").asText()).isEqualTo("relay-b");
        assertThat(report.get("duration_ms").asLong()).isEqualTo(2000);
    }

    @Test
    void publisherRecordsAFailedPublishOnTheReportInsteadOfThrowing() {
        Notifier broken = (topic, subject, message) -> {
            throw new CloudOperationException("Publish", "Publish arn failed: AuthorizationError (HTTP 403)");
        };
        RunReport sent = new ReportPublisher(broken, new FakeTime()).publish(failedReport(), "arn:aws:sns:eu-west-1:123456789012:r");
        assertThat(sent.notification().status()).isEqualTo(StepStatus.FAILED);
        assertThat(sent.notification().detail()).contains("AuthorizationError");
    }

    @Test
    void theSubjectSaysWhenTheRunWasADryRun() {
        RunReport dry = RunReport.of("shutdown", "manual", true, false, "dry run: nothing changed", start, start,
                List.of(StepResult.item("stop-instance", StepStatus.SKIPPED, "dry run", start, Duration.ZERO)));
        assertThat(ChatNotification.subject(dry)).isEqualTo("Cost Guard shutdown: SKIPPED (dry run)");
        assertThat(ChatNotification.subject(failedReport())).isEqualTo("Cost Guard shutdown: FAILED");
    }

    @Test
    void aStepWithoutADetailIsListedWithoutADash() {
        List<StepResult> steps = List.of(
                new StepResult("start-instance", StepStatus.SUCCEEDED, null, start, Duration.ZERO, List.of()),
                new StepResult("health-check", StepStatus.SUCCEEDED, "  ", start, Duration.ZERO, List.of()),
                new StepResult("enable-distribution", StepStatus.SUCCEEDED, "E2AB enabled", start, Duration.ZERO,
                        List.of()));
        RunReport report = RunReport.of("recovery", "schedule", false, false, "Recovered", start, start, steps);

        assertThat(ChatNotification.description(report)).isEqualTo("Recovered\nTrigger: schedule\n"
                + "• *start-instance*: succeeded\n"
                + "• *health-check*: succeeded\n"
                + "• *enable-distribution*: succeeded — E2AB enabled");
    }
}
