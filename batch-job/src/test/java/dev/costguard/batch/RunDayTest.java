package dev.costguard.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RunDayTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    // 17:00 UTC on 1 December is 02:00 on 2 December in Tokyo: the schedule's moment.
    private static final Clock SCHEDULE_TIME = Clock.fixed(Instant.parse("2026-12-01T17:00:00Z"), ZoneOffset.UTC);

    @Test
    void withoutArgumentTakesYesterdayInTheConfiguredZone() throws Exception {
        assertThat(RunDay.resolve(List.of(), TOKYO, SCHEDULE_TIME))
                .isEqualTo(new RunDay(LocalDate.of(2026, 12, 1), RunDay.Basis.CLOCK, false));
        assertThat(RunDay.resolve(List.of(), ZoneOffset.UTC, SCHEDULE_TIME))
                .isEqualTo(new RunDay(LocalDate.of(2026, 11, 30), RunDay.Basis.CLOCK, false));
    }

    @Test
    void takesAnIsoDateArgument() throws Exception {
        assertThat(RunDay.resolve(List.of("2026-02-28"), TOKYO, SCHEDULE_TIME))
                .isEqualTo(new RunDay(LocalDate.of(2026, 2, 28), RunDay.Basis.DAY_ARGUMENT, false));
        assertThat(RunDay.resolve(List.of("2024-02-29"), TOKYO, SCHEDULE_TIME).day())
                .isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-1-05", "05/01/2026", "20260105", "2026-11-30T00:00",
            " 2026-11-30", "+2026-11-30", "２０２６-11-30"})
    void refusesWhatIsNotAnIsoDate(String argument) {
        assertThatThrownBy(() -> RunDay.resolve(List.of(argument), TOKYO, SCHEDULE_TIME))
                .isInstanceOf(BadArgumentException.class)
                .hasMessage("the day '" + argument + "' is not an ISO date; " + RunDay.USAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29", "2026-13-01", "2026-04-31", "2026-00-10"})
    void refusesDaysMissingFromTheCalendar(String argument) {
        assertThatThrownBy(() -> RunDay.resolve(List.of(argument), TOKYO, SCHEDULE_TIME))
                .isInstanceOf(BadArgumentException.class)
                .hasMessage("the day '" + argument + "' does not exist in the calendar; " + RunDay.USAGE);
    }

    @Test
    void refusesTodayAndLaterBecauseTheyHaveNotEnded() {
        assertThatThrownBy(() -> RunDay.resolve(List.of("2026-12-02"), TOKYO, SCHEDULE_TIME))
                .hasMessage("the day 2026-12-02 has not ended yet in Asia/Tokyo (today is 2026-12-02);"
                        + " only past days can be aggregated");
        assertThatThrownBy(() -> RunDay.resolve(List.of("2027-01-01"), TOKYO, SCHEDULE_TIME))
                .isInstanceOf(BadArgumentException.class);
    }

    @Test
    void refusesMoreThanOneArgument() {
        assertThatThrownBy(() -> RunDay.resolve(List.of("2026-11-29", "2026-11-30"), TOKYO, SCHEDULE_TIME))
                .hasMessage("expected at most one day argument, got 2 [2026-11-29, 2026-11-30]; " + RunDay.USAGE);
    }

    /** The schedule fires just after midnight in the zone; the state machine passes its time through unchanged. */
    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
            // 00:00 JST on 1 December (UTC+9)
            "Asia/Tokyo, 2026-11-30T15:00:00Z, 2026-11-30",
            // two hours later, still 1 December in Tokyo
            "Asia/Tokyo, 2026-11-30T17:00:00Z, 2026-11-30",
            "UTC, 2026-12-01T00:05:00Z, 2026-11-30",
            // 00:10 EST on 1 December (UTC-5): the UTC date is already the 1st, the day is still 30 November
            "America/New_York, 2026-12-01T05:10:00Z, 2026-11-30",
            // 01:00 PDT (UTC-7) on 1 July: daylight saving time
            "America/Los_Angeles, 2026-07-01T08:00:00Z, 2026-06-30",
            "Asia/Tokyo, 2026-12-01T02:00:00+09:00, 2026-11-30"})
    void theScheduledTimeGivesTheDayThatJustEndedInTheZone(String zone, String scheduledTime, String day)
            throws Exception {
        Clock later = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);

        assertThat(RunDay.resolve(List.of(scheduledTime), ZoneId.of(zone), later))
                .isEqualTo(new RunDay(LocalDate.parse(day), RunDay.Basis.SCHEDULED_TIME, false));
    }

    @Test
    void aScheduledTimeWhoseDayHasNotEndedIsRefused() {
        // 2026-12-02T15:00Z is midnight starting 3 December in Tokyo: the 2nd has only just ended there, but at this
        // clock (12:00Z on the 2nd) it is still the 2nd in Tokyo.
        Clock noonUtc = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
        assertThatThrownBy(() -> RunDay.resolve(List.of("2026-12-02T15:00:00Z"), TOKYO, noonUtc))
                .isInstanceOf(BadArgumentException.class)
                .hasMessageStartingWith("the day 2026-12-02 has not ended yet in Asia/Tokyo");
    }

    @Test
    void dryRunIsAFlagBesideTheDay() throws Exception {
        assertThat(RunDay.resolve(List.of("--dry-run", "2026-11-30"), TOKYO, SCHEDULE_TIME))
                .isEqualTo(new RunDay(LocalDate.of(2026, 11, 30), RunDay.Basis.DAY_ARGUMENT, true));
        assertThat(RunDay.resolve(List.of("2026-11-30T15:00:00Z", "--dry-run"), TOKYO, SCHEDULE_TIME))
                .isEqualTo(new RunDay(LocalDate.of(2026, 11, 30), RunDay.Basis.SCHEDULED_TIME, true));
        assertThat(RunDay.resolve(List.of("--dry-run"), TOKYO, SCHEDULE_TIME).dryRun()).isTrue();
        assertThatThrownBy(() -> RunDay.resolve(List.of("--dry-run", "--dry-run"), TOKYO, SCHEDULE_TIME))
                .hasMessage("--dry-run given more than once; " + RunDay.USAGE);
    }
}
