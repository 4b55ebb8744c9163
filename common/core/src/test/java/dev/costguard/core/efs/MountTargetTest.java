package dev.costguard.core.efs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mount-target model the scaler reports and the router reads: states, descriptions, One Zone. */
class MountTargetTest {

    private static final MountTarget A = new MountTarget("fsmt-0a1", "ap-northeast-1a", "subnet-0c3", "10.0.1.12",
            "available");

    @Test
    void onlyTheCreatingStateCountsAsCreating() {
        assertThat(A.creating()).isFalse();
        assertThat(A.withState("creating").creating()).isTrue();
        assertThat(A.withState("updating").creating()).isFalse();
    }

    @Test
    void withStateChangesTheStateAndNothingElse() {
        MountTarget deleting = A.withState("deleting");

        assertThat(deleting).isEqualTo(new MountTarget("fsmt-0a1", "ap-northeast-1a", "subnet-0c3", "10.0.1.12",
                "deleting"));
        assertThat(deleting.available()).isFalse();
        assertThat(A.available()).as("the original is untouched").isTrue();
    }

    @Test
    void describesATargetForReportsWithItsAddressOnlyWhenItHasOne() {
        assertThat(A.describe()).isEqualTo("fsmt-0a1 in ap-northeast-1a (subnet-0c3, 10.0.1.12, available)");
        assertThat(new MountTarget("fsmt-0b2", "ap-northeast-1c", "subnet-0d4", null, "creating").describe())
                .isEqualTo("fsmt-0b2 in ap-northeast-1c (subnet-0d4, creating)");
    }

    @Test
    void aListDescribesItsTargetsInZoneOrderOrSaysItHasNone() {
        MountTargetList list = new MountTargetList("fs-1", List.of(
                new MountTarget("fsmt-c", "ap-northeast-1c", "subnet-c", null, "creating"), A));

        assertThat(list.isEmpty()).isFalse();
        assertThat(list.describe()).isEqualTo("fsmt-0a1 in ap-northeast-1a (subnet-0c3, 10.0.1.12, available), "
                + "fsmt-c in ap-northeast-1c (subnet-c, creating)");
        MountTargetList none = new MountTargetList("fs-1", List.of());
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.describe()).isEqualTo("no mount targets");
    }

    @Test
    void aFileSystemIsOneZoneExactlyWhenEfsNamesItsAvailabilityZone() {
        assertThat(new EfsFileSystem("fs-1", "available", Optional.of("ap-northeast-1a")).oneZone()).isTrue();
        assertThat(new EfsFileSystem("fs-2", "available", Optional.empty()).oneZone()).isFalse();
    }
}
