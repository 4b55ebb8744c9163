package dev.costguard.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunReportTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private static StepResult step(String name, StepStatus status) {
        return new StepResult(name, status, name + " " + status, START, Duration.ofMillis(1500), List.of());
    }

    private static List<StepResult> steps(StepStatus... statuses) {
        return Arrays.stream(statuses).map(s -> step("step-" + s.name().toLowerCase(), s)).toList();
    }

    static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of(steps(StepStatus.SUCCEEDED, StepStatus.SKIPPED), false, RunOutcome.SUCCEEDED, true),
                Arguments.of(steps(StepStatus.SUCCEEDED), true, RunOutcome.SKIPPED, true),
                Arguments.of(steps(StepStatus.SKIPPED, StepStatus.SKIPPED), false, RunOutcome.SKIPPED, true),
                Arguments.of(steps(), false, RunOutcome.SKIPPED, true),
                Arguments.of(steps(StepStatus.SUCCEEDED, StepStatus.FAILED), false, RunOutcome.FAILED, false),
                Arguments.of(steps(StepStatus.SKIPPED, StepStatus.FAILED), true, RunOutcome.FAILED, false));
    }

    @ParameterizedTest
    @MethodSource("outcomes")
    void theOutcomeFollowsFromTheSteps(List<StepResult> steps, boolean nothingToDo, RunOutcome outcome,
            boolean success) {
        RunReport report = RunReport.of("recovery", "schedule", false, nothingToDo, "summary", START,
                START.plusSeconds(3), steps);

        assertThat(report.outcome()).isEqualTo(outcome);
        assertThat(report.overallSuccess()).isEqualTo(success);
    }

    @Test
    void countsStepsByStatusAndNamesTheFirstFailure() {
        RunReport report = RunReport.of("shutdown", "budget-alert", false, false, "summary", START, START,
                List.of(step("throttle", StepStatus.SUCCEEDED), step("drain", StepStatus.FAILED),
                        step("stop-api", StepStatus.SKIPPED), step("stop-instance", StepStatus.FAILED)));

        assertThat(report.count(StepStatus.SUCCEEDED)).isEqualTo(1);
        assertThat(report.count(StepStatus.FAILED)).isEqualTo(2);
        assertThat(report.count(StepStatus.SKIPPED)).isEqualTo(1);
        assertThat(report.firstFailure()).map(StepResult::name).contains("drain");

        RunReport clean = RunReport.of("shutdown", "budget-alert", false, false, "summary", START, START,
                steps(StepStatus.SUCCEEDED));
        assertThat(clean.firstFailure()).isEmpty();
    }

    @Test
    void theJsonCarriesEachDurationInMilliseconds() throws Exception {
        StepResult item = StepResult.item("relay-a", StepStatus.SUCCEEDED, "throttled", START, Duration.ofMillis(250));
        StepResult throttle = new StepResult("throttle", StepStatus.SUCCEEDED, "1 function", START,
                Duration.ofMillis(1500), List.of(item));
        RunReport report = RunReport.of("shutdown", "budget-alert", true, false, "summary", START,
                START.plusMillis(4200), List.of(throttle));

        JsonNode json = Json.MAPPER.readTree(Json.write(report));

        assertThat(json.get("duration_ms").asLong()).isEqualTo(4200);
        assertThat(json.at("/steps/0/duration_ms").asLong()).isEqualTo(1500);
        assertThat(json.at("/steps/0/items/0/duration_ms").asLong()).isEqualTo(250);
        assertThat(json.get("overall_success").asBoolean()).isTrue();
        assertThat(json.get("dry_run").asBoolean()).isTrue();
    }
}
