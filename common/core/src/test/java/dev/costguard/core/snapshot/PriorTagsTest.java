package dev.costguard.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriorTagsTest {

    private static final Instant AT = Instant.parse("2026-11-01T03:00:00Z");

    @Test
    void writesEachValueAsAStringBesideWhenItWasRecorded() {
        // Tag values are strings: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Tag.html
        assertThat(PriorTags.function(10, AT)).containsExactly(Map.entry("cost-guard:prior-reserved-concurrency", "10"),
                Map.entry("cost-guard:prior-recorded-at", "2026-11-01T03:00:00Z"));
        assertThat(PriorTags.function(null, AT)).containsEntry("cost-guard:prior-reserved-concurrency", "none");
        assertThat(PriorTags.instance("running", AT)).containsEntry("cost-guard:prior-state", "running");
        assertThat(PriorTags.distribution(false, AT)).containsEntry("cost-guard:prior-enabled", "false");
    }

    @Test
    void readsBackWhatItWroteWithTheTimeItWasRecorded() {
        assertThat(PriorTags.function(PriorTags.function(0, AT)).orElseThrow())
                .isEqualTo(new PriorTags.Found<>(0, "2026-11-01T03:00:00Z"));
        assertThat(PriorTags.function(PriorTags.function(null, AT)).orElseThrow().value()).isNull();
        assertThat(PriorTags.instance(PriorTags.instance("stopped", AT)).orElseThrow().value()).isEqualTo("stopped");
        assertThat(PriorTags.distribution(PriorTags.distribution(true, AT)).orElseThrow().value()).isTrue();
    }

    @Test
    void anItemWithoutTheTagHasNoPriorValueAndAMissingOrBadTimeIsSaidToBeUnknown() {
        assertThat(PriorTags.function(Map.of("team", "relay"))).isEmpty();
        assertThat(PriorTags.instance(Map.of())).isEmpty();
        assertThat(PriorTags.distribution(Map.of())).isEmpty();
        assertThat(PriorTags.function(Map.of("cost-guard:prior-reserved-concurrency", "3")).orElseThrow().recordedAt())
                .isEqualTo("an unknown time");
        assertThat(PriorTags.instance(Map.of("cost-guard:prior-state", "running", "cost-guard:prior-recorded-at",
                "yesterday")).orElseThrow().recordedAt()).isEqualTo("an unknown time");
    }

    @Test
    void aTagSomeoneEditedIntoNonsenseIsRefusedWithTheTagNamed() {
        assertThatThrownBy(() -> PriorTags.function(Map.of("cost-guard:prior-reserved-concurrency", "ten")))
                .hasMessage("tag cost-guard:prior-reserved-concurrency = 'ten' is not a count or none");
        assertThatThrownBy(() -> PriorTags.function(Map.of("cost-guard:prior-reserved-concurrency", "-1")))
                .hasMessage("tag cost-guard:prior-reserved-concurrency = '-1' is not a count or none");
        assertThatThrownBy(() -> PriorTags.instance(Map.of("cost-guard:prior-state", "Running!")))
                .hasMessage("tag cost-guard:prior-state = 'Running!' is not an instance state such as running");
        assertThatThrownBy(() -> PriorTags.distribution(Map.of("cost-guard:prior-enabled", "yes")))
                .hasMessage("tag cost-guard:prior-enabled = 'yes' is not true or false");
    }
}
