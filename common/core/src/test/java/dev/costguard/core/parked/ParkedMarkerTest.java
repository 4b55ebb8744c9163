package dev.costguard.core.parked;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.fakes.InMemoryParameters;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.ParkedState.Parked;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParkedMarkerTest {

    private static final String NAME = "/cost-guard/test/parked";
    private static final Instant SINCE = Instant.parse("2026-11-02T13:00:00Z");

    private final InMemoryParameters parameters = new InMemoryParameters();
    private final ParkedMarker marker = new ParkedMarker(parameters, NAME);

    @Test
    void notParkedWhileTheParameterIsAbsent() {
        assertThat(marker.read()).isEmpty();
    }

    @Test
    void parkWritesWhenAndWhyAndReadsThemBack() {
        assertThat(marker.park(new Parked(SINCE, "budget-alert"))).isTrue();

        assertThat(parameters.value(NAME)).hasValue("{\"parked_since\":\"2026-11-02T13:00:00Z\",\"trigger\":\"budget-alert\"}");
        assertThat(marker.read()).hasValue(new Parked(SINCE, "budget-alert"));
        assertThat(marker.read().orElseThrow().notice())
                .isEqualTo("parked by the kill switch since 2026-11-02T13:00:00Z (budget-alert); recovery restores it");
    }

    @Test
    void aSecondParkKeepsTheFirstTime() {
        marker.park(new Parked(SINCE, "budget-alert"));

        assertThat(marker.park(new Parked(SINCE.plusSeconds(600), "manual"))).isFalse();
        assertThat(marker.read()).hasValue(new Parked(SINCE, "budget-alert"));
    }

    @Test
    void aMarkerThisBuildCannotReadStillParks() {
        parameters.with(NAME, "parked by hand");

        assertThat(marker.read()).hasValue(new Parked(null, null));
        assertThat(marker.read().orElseThrow().notice())
                .isEqualTo("parked by the kill switch since an unknown time; recovery restores it");
    }

    @Test
    void fieldsALaterVersionAddsAreIgnored() {
        parameters.with(NAME, "{\"parked_since\":\"2026-11-02T13:00:00Z\",\"trigger\":\"manual\",\"by\":\"v9\"}");

        assertThat(marker.read()).hasValue(new Parked(SINCE, "manual"));
    }

    @Test
    void liftRemovesItAndAReadThatFailsIsAnError() {
        marker.park(new Parked(SINCE, "budget-alert"));
        marker.lift();
        assertThat(marker.read()).isEmpty();
        marker.lift();

        parameters.failing("GetParameter");
        assertThatThrownBy(marker::read).isInstanceOf(CloudOperationException.class);
        assertThat(marker.where()).isEqualTo("SSM parameter " + NAME);
    }
}
