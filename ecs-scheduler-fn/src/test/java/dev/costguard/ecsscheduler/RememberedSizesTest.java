package dev.costguard.ecsscheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.ports.ScalableTargets.Capacity;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.Snapshot.ServiceCapacity;
import dev.costguard.core.snapshot.SnapshotCodec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RememberedSizesTest {

    private static final ServiceId WEB = new ServiceId("c", "web");

    private static Optional<ServiceCapacity> entry(int desired, Integer min, Integer max) {
        return Optional.of(new ServiceCapacity("c", "web", desired, min, max));
    }

    @Test
    void aRunningServiceIsRememberedAtItsRealSize() {
        assertThat(RememberedSizes.onStop(WEB, 2, Optional.empty(), entry(5, null, null))).isEqualTo(entry(2, null, null));
        assertThat(RememberedSizes.onStop(WEB, 3, Optional.of(new Capacity(1, 4)), Optional.empty()))
                .isEqualTo(entry(3, 1, 4));
    }

    @Test
    void aServiceAlreadyAtZeroKeepsItsEarlierEntryUntouched() {
        assertThat(RememberedSizes.onStop(WEB, 0, Optional.of(Capacity.ASLEEP), entry(3, 1, 4))).isEqualTo(entry(3, 1, 4));
        assertThat(RememberedSizes.onStop(WEB, 0, Optional.empty(), entry(2, null, null))).isEqualTo(entry(2, null, null));
    }

    @Test
    void aServiceAtZeroWithNothingRememberedKeepsOnlyItsAwakeBounds() {
        assertThat(RememberedSizes.onStop(WEB, 0, Optional.empty(), Optional.empty())).isEmpty();
        assertThat(RememberedSizes.onStop(WEB, 0, Optional.of(Capacity.ASLEEP), Optional.empty())).isEmpty();
        assertThat(RememberedSizes.onStop(WEB, 0, Optional.of(new Capacity(1, 4)), Optional.empty()))
                .isEqualTo(entry(0, 1, 4));
    }

    @Test
    void boundsAlreadyAtZeroAreAHalfFinishedStopSoTheEarlierBoundsStay() {
        assertThat(RememberedSizes.onStop(WEB, 3, Optional.of(Capacity.ASLEEP), entry(3, 1, 4))).isEqualTo(entry(3, 1, 4));
        assertThat(RememberedSizes.onStop(WEB, 3, Optional.of(Capacity.ASLEEP), Optional.empty()))
                .isEqualTo(entry(3, null, null));
    }

    @Test
    void onlyBoundsThatCanRunTasksAreRestored() {
        assertThat(RememberedSizes.capacity(entry(2, 1, 4).orElseThrow())).hasValue(new Capacity(1, 4));
        assertThat(RememberedSizes.capacity(entry(2, 0, 0).orElseThrow())).isEmpty();
        assertThat(RememberedSizes.capacity(entry(2, null, 4).orElseThrow())).isEmpty();
        assertThat(RememberedSizes.capacity(entry(2, 5, 4).orElseThrow())).isEmpty();
    }

    @Test
    void keepsEntriesOfServicesItWasNotToldAbout() {
        Snapshot earlier = new Snapshot(1, "ecs-scheduler", Instant.parse("2026-11-02T13:00:00Z"), "schedule", null,
                null, null, List.of(new ServiceCapacity("c", "retired", 4, null, null)));
        RememberedSizes sizes = RememberedSizes.parse("/p", SnapshotCodec.encode(earlier));

        RememberedSizes next = sizes.with(List.of(entry(2, null, null).orElseThrow()));

        assertThat(next.toSnapshot(Instant.EPOCH, "manual").services()).containsExactly(
                new ServiceCapacity("c", "retired", 4, null, null), new ServiceCapacity("c", "web", 2, null, null));
        assertThat(next.sameAs(sizes)).isFalse();
        assertThat(sizes.with(List.of()).sameAs(sizes)).isTrue();
    }

    @Test
    void refusesJsonThatIsNotASnapshot() {
        assertThatThrownBy(() -> RememberedSizes.parse("/p", "web=2")).hasMessageStartingWith(
                "/p holds a snapshot this build cannot read (the snapshot is not valid JSON");
    }
}
