package dev.costguard.doctor;

import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.StepResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The one-line-per-check tables `make doctor` and `make smoke` print. */
public final class Table {

    private Table() {
    }

    public static String doctor(String heading, List<CheckResult> results) {
        StringBuilder out = new StringBuilder(heading).append('\n');
        int width = results.stream().mapToInt(r -> r.name().length()).max().orElse(10) + 2;
        for (CheckResult result : results) {
            out.append(String.format(Locale.ROOT, "%-4s  %-" + width + "s%s%n", result.verdict(), result.name(), result.detail()));
            if (!result.fix().isEmpty()) {
                out.append(" ".repeat(6 + width)).append("fix: ").append(result.fix()).append('\n');
            }
        }
        Map<Verdict, Long> counts = results.stream().collect(Collectors.groupingBy(CheckResult::verdict, Collectors.counting()));
        out.append(String.format(Locale.ROOT, "doctor: %d passed, %d warning(s), %d failed, %d skipped%n",
                counts.getOrDefault(Verdict.PASS, 0L), counts.getOrDefault(Verdict.WARN, 0L),
                counts.getOrDefault(Verdict.FAIL, 0L), counts.getOrDefault(Verdict.SKIP, 0L)));
        return out.toString();
    }

    public static String smoke(RunReport report) {
        StringBuilder out = new StringBuilder();
        List<StepResult> lines = new java.util.ArrayList<>(report.steps());
        if (report.notification() != null) {
            lines.add(report.notification());
        }
        int width = lines.stream().mapToInt(s -> s.name().length()).max().orElse(10) + 2;
        Function<StepResult, String> verdict = step -> switch (step.status()) {
            case SUCCEEDED -> "PASS";
            case FAILED -> "FAIL";
            case SKIPPED -> "SKIP";
        };
        for (StepResult step : lines) {
            out.append(String.format(Locale.ROOT, "%-4s  %-" + width + "s%s%n", verdict.apply(step), step.name(), step.detail()));
        }
        out.append(report.summary()).append('\n');
        return out.toString();
    }
}
