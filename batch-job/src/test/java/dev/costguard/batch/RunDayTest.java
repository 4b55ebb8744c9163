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
import org.junit.jupiter.params.provider.ValueSource;

class RunDayTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    // 17:00 UTC on 1 December is 02:00 on 2 December in Tokyo: the schedule's moment.
    private static final Clock SCHEDULE_TIME = Clock.fixed(Instant.parse("2026-12-01T17:00:00Z"), ZoneOffset.UTC);

    @Test
    void withoutArgumentTakesYesterdayInTheConfiguredZone() throws Exception {
        assertThat(RunDay.resolve(List.of(), TOKYO, SCHEDULE_TIME))
                .isEqualTo(new RunDay(LocalDate.of(2026, 12, 1), false));
        assertThat(RunDay.resolve(List.of(), ZoneOffset.UTC, SCHEDULE_TIME))
                .isEqualTo(new RunDay(LocalDate.of(2026, 11, 30), false));
    }

    @Test
    void takesAnIsoDateArgument() throws Exception {
        assertThat(RunDay.resolve(List.of("2026-02-28"), TOKYO, SCHEDULE_TIME))
                .isEqualTo(new RunDay(LocalDate.of(2026, 2, 28), true));
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
                .hasMessage("expected at most one argument, got 2 [2026-11-29, 2026-11-30]; " + RunDay.USAGE);
    }
}
