package dev.costguard.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepOutcomeTest {

    private static final Instant AT = Instant.parse("2026-11-01T00:00:00Z");

    private static StepResult item(String name, StepStatus status, String detail) {
        return StepResult.item(name, status, detail, AT, Duration.ZERO);
    }

    @Test
    void aFannedOutStepFailsWhenAnItemFailedAndCountsEachKind() {
        List<StepResult> items = List.of(item("a", StepStatus.SUCCEEDED, "ok"),
                item("b", StepStatus.FAILED, "b: ThrottlingException"), item("c", StepStatus.SKIPPED, "already 0"),
                item("d", StepStatus.FAILED, "d: AccessDenied"), item("e", StepStatus.SUCCEEDED, "ok"));

        StepOutcome outcome = StepOutcome.fromItems("5 functions", items);

        assertThat(outcome.status()).isEqualTo(StepStatus.FAILED);
        assertThat(outcome.detail())
                .isEqualTo("5 functions: 2 succeeded, 2 failed, 1 skipped (first failure: b: ThrottlingException)");
        assertThat(outcome.items()).containsExactlyElementsOf(items);
    }

    @Test
    void aFannedOutStepWithoutFailuresSucceedsAndLeavesOutWhatDidNotHappen() {
        StepOutcome outcome = StepOutcome.fromItems("2 services",
                List.of(item("web", StepStatus.SUCCEEDED, "ok"), item("api", StepStatus.SUCCEEDED, "ok")));

        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(outcome.detail()).isEqualTo("2 services: 2 succeeded, 0 failed");
        assertThat(outcome.items()).hasSize(2);
    }

    @Test
    void itemsAreCopiedAndNoneMeansAnEmptyList() {
        List<StepResult> items = new ArrayList<>(List.of(item("a", StepStatus.SUCCEEDED, "ok")));
        StepOutcome outcome = new StepOutcome(StepStatus.SUCCEEDED, "1 item", items);
        items.clear();

        assertThat(outcome.items()).extracting(StepResult::name).containsExactly("a");
        assertThat(new StepOutcome(StepStatus.SUCCEEDED, "none", null).items()).isEmpty();
    }

    @Test
    void theShortFormsSetTheStatus() {
        assertThat(StepOutcome.skipped("nothing to do"))
                .isEqualTo(new StepOutcome(StepStatus.SKIPPED, "nothing to do", List.of()));
        assertThat(StepOutcome.succeeded("done")).isEqualTo(new StepOutcome(StepStatus.SUCCEEDED, "done", List.of()));
        assertThat(StepOutcome.failed("broke")).isEqualTo(new StepOutcome(StepStatus.FAILED, "broke", List.of()));
    }
}
