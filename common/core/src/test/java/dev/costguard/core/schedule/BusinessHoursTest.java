package dev.costguard.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BusinessHoursTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    /** Culture Day, a Tuesday. */
    private static final LocalDate HOLIDAY = LocalDate.parse("2026-11-03");

    private static BusinessHours hours(String text) {
        return BusinessHours.parse(text, TOKYO, List.of(HOLIDAY)).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({
            // Monday 2026-11-02 in Tokyo (UTC+9)
            "2026-11-02T00:00:00Z, true",   // 09:00, the start itself
            "2026-11-01T23:59:59Z, false",  // 08:59:59
            "2026-11-02T12:59:59Z, true",   // 21:59:59
            "2026-11-02T13:00:00Z, false",  // 22:00, the stop itself
            "2026-11-03T03:00:00Z, false",  // Tuesday noon, a skip date
            "2026-11-04T03:00:00Z, true",   // Wednesday noon
            "2026-11-07T03:00:00Z, false",  // Saturday noon
    })
    void awakeOnBusinessDaysFromStartUntilStop(Instant at, boolean awake) {
        assertThat(hours("MON-FRI 09:00-22:00").awakeAt(at)).isEqualTo(awake);
    }

    @ParameterizedTest
    @CsvSource({
            "'MON,WED-THU 08:30-17:00', '[MONDAY, WEDNESDAY, THURSDAY]'",
            "'sat-sun 10:00-12:00', '[SATURDAY, SUNDAY]'",
            "'FRI 00:00-23:59', '[FRIDAY]'",
    })
    void readsDayListsAndRanges(String text, String days) {
        BusinessHours hours = hours(text);
        assertThat(hours.days().stream().sorted().toList().toString()).isEqualTo(days);
        assertThat(hours.days()).doesNotContain(DayOfWeek.TUESDAY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MON-FRI", "MON-FRI 9:00-22:00", "FRI-MON 09:00-22:00", "XYZ 09:00-10:00",
            "MON-FRI 22:00-09:00", "MON-FRI 09:00-09:00", "MON-FRI 09:00-25:00", "MON-FRI 09:00 22:00"})
    void refusesWhatIsNotDaysAndHours(String text) {
        assertThat(BusinessHours.parse(text, TOKYO, List.of())).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void describesItselfInTheSameForm() {
        assertThat(hours("MON-FRI 09:00-22:00")).hasToString("MON,TUE,WED,THU,FRI 09:00-22:00 Asia/Tokyo");
    }
}
