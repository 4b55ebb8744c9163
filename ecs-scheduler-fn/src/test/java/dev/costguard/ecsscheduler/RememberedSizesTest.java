package dev.costguard.ecsscheduler;

import dev.costguard.core.ports.ServiceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.ports.ScalableTargets.Capacity;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.Snapshot.ServiceCapacity;
import dev.costguard.core.snapshot.SnapshotCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RememberedSizesTest {

    private static final ServiceId WEB = new ServiceId("c", "web");
    private static final int DEFAULT = 1;

    private static ServiceCapacity entry(int desired, Integer min, Integer max) {
        return new ServiceCapacity("c", "web", desired, min, max);
    }

    private static ServiceCapacity onStop(int desired, Optional<Capacity> target, Optional<ServiceCapacity> earlier) {
        return RememberedSizes.onStop(WEB, desired, target, earlier, DEFAULT);
    }

    @Test
    void aRunningServiceIsRememberedAtItsRealSize() {
        assertThat(onStop(2, Optional.empty(), Optional.of(entry(5, null, null)))).isEqualTo(entry(2, null, null));
        assertThat(onStop(3, Optional.of(new Capacity(1, 4)), Optional.empty())).isEqualTo(entry(3, 1, 4));
    }

    @Test
    void aServiceAlreadyAtZeroKeepsItsEarlierEntryUntouched() {
        assertThat(onStop(0, Optional.of(Capacity.ASLEEP), Optional.of(entry(3, 1, 4)))).isEqualTo(entry(3, 1, 4));
        assertThat(onStop(0, Optional.empty(), Optional.of(entry(2, null, null)))).isEqualTo(entry(2, null, null));
    }

    @Test
    void aServiceAtZeroWithNothingRememberedIsUnknownNeverZeroOrTheDefault() {
        ServiceCapacity bare = onStop(0, Optional.empty(), Optional.empty());
        assertThat(bare.known()).isFalse();
        assertThat(bare.desiredCount()).isNull();
        assertThat(bare.unknown()).isEqualTo("found already at 0 with no size remembered");
        assertThat(onStop(0, Optional.of(new Capacity(1, 4)), Optional.empty()))
                .isEqualTo(ServiceCapacity.unknown("c", "web", 1, 4, "found already at 0 with no size remembered"));
        assertThat(onStop(0, Optional.of(Capacity.ASLEEP), Optional.empty()).minCapacity()).isNull();
    }

    @Test
    void aServiceRunningAtTheDefaultWithNoOwnSizeRememberedStaysUnknown() {
        ServiceCapacity unknown = ServiceCapacity.unknown("c", "web", null, null, "found already at 0 with no size remembered");

        ServiceCapacity next = onStop(DEFAULT, Optional.empty(), Optional.of(unknown));

        assertThat(next.known()).isFalse();
        assertThat(next.unknown()).startsWith("running at 1, the default count a start gives a service of unknown size");
        assertThat(onStop(DEFAULT, Optional.empty(), Optional.empty()).known()).isFalse();
        // Any other count was not set by a start: it is the service's own.
        assertThat(onStop(4, Optional.empty(), Optional.of(unknown))).isEqualTo(entry(4, null, null));
        // With its own size remembered, a start set that size, not the default: the count it runs at is its own.
        assertThat(onStop(DEFAULT, Optional.empty(), Optional.of(entry(3, null, null)))).isEqualTo(entry(1, null, null));
    }

    @Test
    void aVersionOneEntryAtZeroIsNoOwnSize() {
        assertThat(RememberedSizes.ownSize(entry(0, 1, 4))).isEmpty();
        assertThat(RememberedSizes.ownSize(entry(3, 1, 4))).hasValue(3);
    }

    @Test
    void boundsAlreadyAtZeroAreAHalfFinishedStopSoTheEarlierBoundsStay() {
        assertThat(onStop(3, Optional.of(Capacity.ASLEEP), Optional.of(entry(3, 1, 4)))).isEqualTo(entry(3, 1, 4));
        assertThat(onStop(3, Optional.of(Capacity.ASLEEP), Optional.empty())).isEqualTo(entry(3, null, null));
    }

    @Test
    void onlyBoundsThatCanRunTasksAreRestored() {
        assertThat(RememberedSizes.capacity(entry(2, 1, 4))).hasValue(new Capacity(1, 4));
        assertThat(RememberedSizes.capacity(entry(2, 0, 0))).isEmpty();
        assertThat(RememberedSizes.capacity(entry(2, null, 4))).isEmpty();
        assertThat(RememberedSizes.capacity(entry(2, 5, 4))).isEmpty();
    }

    @Test
    void dropsEntriesOfServicesNoLongerConfiguredAndKeepsThoseNotReadThisTime() {
        ServiceId api = new ServiceId("c", "api");
        Snapshot earlier = new Snapshot(1, "ecs-scheduler", Instant.parse("2026-11-02T13:00:00Z"), "schedule", null,
                null, null, List.of(new ServiceCapacity("c", "retired", 4, null, null),
                        new ServiceCapacity("c", "api", 3, null, null)));
        RememberedSizes sizes = RememberedSizes.parse("/p", SnapshotCodec.encode(earlier));

        RememberedSizes next = sizes.next(List.of(WEB, api), Map.of(WEB, entry(2, null, null)));

        assertThat(next.toSnapshot(Instant.EPOCH, "manual").services()).containsExactly(
                entry(2, null, null), new ServiceCapacity("c", "api", 3, null, null));
        assertThat(sizes.notIn(List.of(WEB, api))).containsExactly("c/retired");
        assertThat(next.sameAs(sizes)).isFalse();
        assertThat(sizes.next(List.of(api, new ServiceId("c", "retired")), Map.of()).sameAs(sizes)).isTrue();
    }

    @Test
    void refusesJsonThatIsNotASnapshot() {
        assertThatThrownBy(() -> RememberedSizes.parse("/p", "web=2")).hasMessageStartingWith(
                "/p holds a snapshot this build cannot read (the snapshot is not valid JSON");
    }
}
