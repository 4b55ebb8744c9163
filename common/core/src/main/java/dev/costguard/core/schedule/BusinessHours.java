package dev.costguard.core.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the ECS scheduler keeps services awake: some days of the week, from a start time to a stop time, in one time
 * zone, except on skip dates. Written "MON-FRI 09:00-22:00" (days as a range or a comma list), the same hours as the
 * scheduler's start and stop schedules.
 */
public record BusinessHours(Set<DayOfWeek> days, LocalTime start, LocalTime stop, ZoneId zone,
        List<LocalDate> skipDates) {

    private static final Pattern FORM = Pattern.compile(
            "([A-Z]{3}(?:-[A-Z]{3})?(?:,[A-Z]{3}(?:-[A-Z]{3})?)*) (\\d{2}:\\d{2})-(\\d{2}:\\d{2})");
    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    public static final String SHAPE = "days and hours such as MON-FRI 09:00-22:00";

    public BusinessHours {
        days = Set.copyOf(days);
        skipDates = List.copyOf(skipDates);
        if (!start.isBefore(stop)) {
            throw new IllegalArgumentException("the start " + start + " is not before the stop " + stop);
        }
    }

    /** Reads "MON-FRI 09:00-22:00"; empty when the text is not of that form. */
    public static Optional<BusinessHours> parse(String text, ZoneId zone, List<LocalDate> skipDates) {
        Matcher form = FORM.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!form.matches()) {
            return Optional.empty();
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : form.group(1).split(",")) {
            String[] range = part.split("-");
            int from = DAYS.indexOf(range[0]);
            int to = DAYS.indexOf(range[range.length - 1]);
            if (from < 0 || to < 0 || to < from) {
                return Optional.empty();
            }
            for (int day = from; day <= to; day++) {
                days.add(DayOfWeek.of(day + 1));
            }
        }
        try {
            return Optional.of(new BusinessHours(days, LocalTime.parse(form.group(2)), LocalTime.parse(form.group(3)),
                    zone, skipDates));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True when the scheduler would have the services awake at this instant. */
    public boolean awakeAt(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        return days.contains(local.getDayOfWeek()) && !skipDates.contains(local.toLocalDate())
                && !local.toLocalTime().isBefore(start) && local.toLocalTime().isBefore(stop);
    }

    @Override
    public String toString() {
        return days.stream().sorted().map(d -> DAYS.get(d.getValue() - 1)).reduce((a, b) -> a + "," + b).orElse("")
                + " " + start + "-" + stop + " " + zone;
    }
}
