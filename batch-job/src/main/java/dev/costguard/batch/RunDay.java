package dev.costguard.batch;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one run does: the calendar day it aggregates and whether it only reports (dry run). The day is the argument
 * (an ISO date), or the day that ended before the schedule's time (an ISO date-time, what the state machine passes
 * through from EventBridge), or, without either, yesterday; the last two in the configured zone.
 */
public record RunDay(LocalDate day, Basis basis, boolean dryRun) {

    /** Where the day came from. */
    public enum Basis {
        DAY_ARGUMENT, SCHEDULED_TIME, CLOCK
    }

    static final String DRY_RUN = "--dry-run";
    static final String USAGE = "usage: batch-job [--dry-run] [yyyy-MM-dd | scheduled time]"
            + " (the day to aggregate, e.g. 2026-11-30, or the schedule's time, e.g. 2026-11-30T17:00:00Z, whose"
            + " previous day in BATCH_TIME_ZONE is aggregated; without either, yesterday in BATCH_TIME_ZONE)";

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern ISO_DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})");
    // STRICT with 'uuuu' refuses 2026-02-30 instead of quietly moving it to 2026-02-28.
    private static final DateTimeFormatter STRICT_ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    public static RunDay resolve(List<String> arguments, ZoneId zone, Clock clock) throws BadArgumentException {
        List<String> rest = new ArrayList<>(arguments);
        boolean dryRun = rest.remove(DRY_RUN);
        if (rest.contains(DRY_RUN)) {
            throw new BadArgumentException(DRY_RUN + " given more than once; " + USAGE);
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (rest.isEmpty()) {
            return new RunDay(today.minusDays(1), Basis.CLOCK, dryRun);
        }
        if (rest.size() > 1) {
            throw new BadArgumentException("expected at most one day argument, got " + rest.size() + " "
                    + rest + "; " + USAGE);
        }
        String text = rest.get(0);
        LocalDate day;
        Basis basis;
        if (ISO_DATE.matcher(text).matches()) {
            try {
                day = LocalDate.parse(text, STRICT_ISO_DATE);
            } catch (DateTimeParseException e) {
                throw new BadArgumentException("the day '" + text + "' does not exist in the calendar; " + USAGE);
            }
            basis = Basis.DAY_ARGUMENT;
        } else if (ISO_DATE_TIME.matcher(text).matches()) {
            try {
                // The schedule fires just after midnight in the zone: the day that just ended there.
                day = OffsetDateTime.parse(text).atZoneSameInstant(zone).toLocalDate().minusDays(1);
            } catch (DateTimeParseException e) {
                throw new BadArgumentException("the scheduled time '" + text + "' is not a valid ISO date-time; "
                        + USAGE);
            }
            basis = Basis.SCHEDULED_TIME;
        } else {
            throw new BadArgumentException("the day '" + text + "' is not an ISO date; " + USAGE);
        }
        // A day that has not ended would be summarised from half its orders and look final.
        if (!day.isBefore(today)) {
            throw new BadArgumentException("the day " + day + " has not ended yet in " + zone + " (today is "
                    + today + "); only past days can be aggregated");
        }
        return new RunDay(day, basis, dryRun);
    }
}
