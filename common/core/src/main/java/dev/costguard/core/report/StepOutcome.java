package dev.costguard.core.report;

import java.util.List;

/** What a step's body tells the runner: its status, a human sentence, and per-target items if it fanned out. */
public record StepOutcome(StepStatus status, String detail, List<StepResult> items) {

    public StepOutcome {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public static StepOutcome succeeded(String detail) {
        return new StepOutcome(StepStatus.SUCCEEDED, detail, List.of());
    }

    public static StepOutcome failed(String detail) {
        return new StepOutcome(StepStatus.FAILED, detail, List.of());
    }

    public static StepOutcome skipped(String detail) {
        return new StepOutcome(StepStatus.SKIPPED, detail, List.of());
    }

    /** A fanned-out step failed when any of its items failed; the detail counts them. */
    public static StepOutcome fromItems(String what, List<StepResult> items) {
        long failed = items.stream().filter(StepResult::failed).count();
        long skipped = items.stream().filter(i -> i.status() == StepStatus.SKIPPED).count();
        long succeeded = items.size() - failed - skipped;
        String detail = what + ": " + succeeded + " succeeded, " + failed + " failed"
                + (skipped > 0 ? ", " + skipped + " skipped" : "")
                + items.stream().filter(StepResult::failed).findFirst()
                        .map(first -> " (first failure: " + first.detail() + ")").orElse("");
        return new StepOutcome(failed > 0 ? StepStatus.FAILED : StepStatus.SUCCEEDED, detail, items);
    }
}
