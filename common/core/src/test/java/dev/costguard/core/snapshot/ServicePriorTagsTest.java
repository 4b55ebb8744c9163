package dev.costguard.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.ports.ScalableTargets.Capacity;
import dev.costguard.core.ports.ServiceId;
import dev.costguard.core.snapshot.Snapshot.ServiceCapacity;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServicePriorTagsTest {

    private static final ServiceId WEB = new ServiceId("demo-cluster", "web");
    private static final Instant AT = Instant.parse("2026-11-02T13:00:00Z");

    @Test
    void aServiceWithATargetKeepsCountAndBounds() {
        Map<String, String> tags = ServicePriorTags.tags(3, Optional.of(new Capacity(1, 4)), AT);

        assertThat(tags).containsExactly(Map.entry("cost-guard:prior-desired-count", "3"),
                Map.entry("cost-guard:prior-min-capacity", "1"), Map.entry("cost-guard:prior-max-capacity", "4"),
                Map.entry("cost-guard:prior-recorded-at", "2026-11-02T13:00:00Z"));
        PriorTags.Found<ServiceCapacity> found = ServicePriorTags.read(WEB, tags).orElseThrow();
        assertThat(found.value()).isEqualTo(new ServiceCapacity("demo-cluster", "web", 3, 1, 4));
        assertThat(found.recordedAt()).isEqualTo("2026-11-02T13:00:00Z");
    }

    @Test
    void aServiceWithoutATargetHasNoBounds() {
        Map<String, String> tags = ServicePriorTags.tags(0, Optional.empty(), AT);

        assertThat(tags).containsEntry("cost-guard:prior-min-capacity", "none");
        assertThat(ServicePriorTags.read(WEB, tags).orElseThrow().value())
                .isEqualTo(new ServiceCapacity("demo-cluster", "web", 0, null, null));
    }

    @Test
    void noDesiredCountTagIsNothingRecorded() {
        assertThat(ServicePriorTags.read(WEB, Map.of("cost-guard:prior-min-capacity", "1"))).isEmpty();
    }

    @Test
    void aTagThatIsNotACountIsRefusedByName() {
        assertThatThrownBy(() -> ServicePriorTags.read(WEB, Map.of("cost-guard:prior-desired-count", "-1")))
                .hasMessage("tag cost-guard:prior-desired-count = '-1' is not a count");
        assertThatThrownBy(() -> ServicePriorTags.read(WEB, Map.of("cost-guard:prior-desired-count", "2",
                "cost-guard:prior-min-capacity", "1", "cost-guard:prior-max-capacity", "none")))
                .hasMessage("tag cost-guard:prior-max-capacity = 'none' is not a count");
    }

    @Test
    void aMissingOrBadTimeIsAnUnknownTime() {
        assertThat(ServicePriorTags.read(WEB, Map.of("cost-guard:prior-desired-count", "2",
                "cost-guard:prior-recorded-at", "yesterday")).orElseThrow().recordedAt()).isEqualTo("an unknown time");
    }
}
