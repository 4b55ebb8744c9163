package dev.costguard.batch;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.regex.Pattern;

/** The calendar day a run aggregates: the one argument (an ISO date), or yesterday in the configured zone. */
public record RunDay(LocalDate day, boolean fromArgument) {

    static final String USAGE = "usage: batch-job [yyyy-MM-dd] (the day to aggregate, e.g. 2026-11-30;"
            + " without it, yesterday in BATCH_TIME_ZONE)";

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    // STRICT with 'uuuu' refuses 2026-02-30 instead of quietly moving it to 2026-02-28.
    private static final DateTimeFormatter STRICT_ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    public static RunDay resolve(List<String> arguments, ZoneId zone, Clock clock) throws BadArgumentException {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (arguments.isEmpty()) {
            return new RunDay(today.minusDays(1), false);
        }
        if (arguments.size() > 1) {
            throw new BadArgumentException("expected at most one argument, got " + arguments.size() + " "
                    + arguments + "; " + USAGE);
        }
        String text = arguments.get(0);
        if (!ISO_DATE.matcher(text).matches()) {
            throw new BadArgumentException("the day '" + text + "' is not an ISO date; " + USAGE);
        }
        LocalDate day;
        try {
            day = LocalDate.parse(text, STRICT_ISO_DATE);
        } catch (DateTimeParseException e) {
            throw new BadArgumentException("the day '" + text + "' does not exist in the calendar; " + USAGE);
        }
        // A day that has not ended would be summarised from half its orders and look final.
        if (!day.isBefore(today)) {
            throw new BadArgumentException("the day " + day + " has not ended yet in " + zone + " (today is "
                    + today + "); only past days can be aggregated");
        }
        return new RunDay(day, true);
    }
}
