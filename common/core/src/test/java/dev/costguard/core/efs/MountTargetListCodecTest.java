package dev.costguard.core.efs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MountTargetListCodecTest {

    private static final String[] STATES = { "creating", "available", "updating", "deleting", "deleted", "error" };

    static MountTargetList randomList(Random random) {
        List<MountTarget> targets = new ArrayList<>();
        int n = random.nextInt(7);
        for (int i = 0; i < n; i++) {
            String az = "ap-northeast-1" + (char) ('a' + i);
            targets.add(new MountTarget("fsmt-" + Long.toHexString(random.nextLong()), az,
                    "subnet-" + Long.toHexString(random.nextLong()),
                    random.nextInt(4) == 0 ? null : "10.0." + random.nextInt(256) + "." + random.nextInt(256),
                    STATES[random.nextInt(STATES.length)]));
        }
        java.util.Collections.shuffle(targets, random);
        return new MountTargetList("fs-" + Long.toHexString(random.nextLong()), targets);
    }

    // P4: what the scaler writes is exactly what the router reads.
    @RepeatedTest(200)
    void aListRoundTripsThroughTheParameterText(RepetitionInfo repetition) {
        MountTargetList list = randomList(new Random(4_000L + repetition.getCurrentRepetition()));

        String text = MountTargetListCodec.encode(list);

        assertThat(MountTargetListCodec.decode(text)).isEqualTo(list);
        assertThat(MountTargetListCodec.encode(MountTargetListCodec.decode(text))).isEqualTo(text);
    }

    @Test
    void writesTheDocumentedShape() {
        MountTargetList list = new MountTargetList("fs-0123", List.of(
                new MountTarget("fsmt-c", "ap-northeast-1c", "subnet-c", "10.0.3.7", "available"),
                new MountTarget("fsmt-a", "ap-northeast-1a", "subnet-a", "10.0.1.7", "available")));

        assertThat(MountTargetListCodec.encode(list)).isEqualTo("{\"schemaVersion\":1,\"fileSystemId\":\"fs-0123\","
                + "\"mountTargets\":[{\"mountTargetId\":\"fsmt-a\",\"availabilityZone\":\"ap-northeast-1a\","
                + "\"subnetId\":\"subnet-a\",\"ipAddress\":\"10.0.1.7\",\"lifeCycleState\":\"available\"},"
                + "{\"mountTargetId\":\"fsmt-c\",\"availabilityZone\":\"ap-northeast-1c\",\"subnetId\":\"subnet-c\","
                + "\"ipAddress\":\"10.0.3.7\",\"lifeCycleState\":\"available\"}]}");
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "not json|the mount-target list is not JSON",
            "[]|the mount-target list must be a JSON object",
            "{\"schemaVersion\":2,\"fileSystemId\":\"fs-1\",\"mountTargets\":[]}|has schemaVersion 2 but this build reads only 1",
            "{\"schemaVersion\":\"1\",\"fileSystemId\":\"fs-1\",\"mountTargets\":[]}|no whole-number \"schemaVersion\"",
            "{\"schemaVersion\":1,\"fileSystemId\":\"fs-1\",\"mountTargets\":[],\"extra\":1}|unknown field(s) [extra] in the mount-target list",
            "{\"schemaVersion\":1,\"mountTargets\":[]}|the mount-target list needs \"fileSystemId\"",
            "{\"schemaVersion\":1,\"fileSystemId\":\"fs-1\",\"mountTargets\":{}}|needs \"mountTargets\" as an array",
            "{\"schemaVersion\":1,\"fileSystemId\":\"fs-1\",\"mountTargets\":[{\"mountTargetId\":\"m\",\"availabilityZone\":\"a\",\"subnetId\":\"s\",\"lifeCycleState\":\"available\",\"dns\":\"x\"}]}|unknown field(s) [dns] in mountTargets[0]",
            "{\"schemaVersion\":1,\"fileSystemId\":\"fs-1\",\"mountTargets\":[{\"mountTargetId\":7,\"availabilityZone\":\"a\",\"subnetId\":\"s\",\"lifeCycleState\":\"available\"}]}|mountTargets[0] \"mountTargetId\" must be non-empty text, not 7" })
    void refusesADocumentItCannotFullyRead(String json, String message) {
        assertThatThrownBy(() -> MountTargetListCodec.decode(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    // ---- the rollout marker: whether the published list has reached the consumer service -----------------

    @RepeatedTest(50)
    void theRolloutMarkerRoundTripsWithTheList(RepetitionInfo repetition) {
        Random random = new Random(4_500L + repetition.getCurrentRepetition());
        MountTargetList list = randomList(random);
        MountTargetListCodec.Rollout rollout = random.nextBoolean() ? MountTargetListCodec.Rollout.PENDING
                : MountTargetListCodec.Rollout.DONE;

        MountTargetListCodec.Published read = MountTargetListCodec.decodePublished(MountTargetListCodec.encode(list, rollout));

        assertThat(read).isEqualTo(new MountTargetListCodec.Published(list, rollout));
        assertThat(MountTargetListCodec.decode(MountTargetListCodec.encode(list, rollout))).isEqualTo(list);
    }

    @Test
    void aListWithoutAMarkerHasReachedItsConsumersAndAPendingOneSaysSo() {
        MountTargetList list = new MountTargetList("fs-0123", List.of(
                new MountTarget("fsmt-a", "ap-northeast-1a", "subnet-a", "10.0.1.7", "available")));

        assertThat(MountTargetListCodec.decodePublished(MountTargetListCodec.encode(list)).rollout())
                .isEqualTo(MountTargetListCodec.Rollout.DONE);
        assertThat(MountTargetListCodec.encode(list, MountTargetListCodec.Rollout.PENDING))
                .contains("\"rollout\":\"pending\"");
        assertThatThrownBy(() -> MountTargetListCodec.decode("{\"schemaVersion\":1,\"fileSystemId\":\"fs-1\","
                + "\"mountTargets\":[],\"rollout\":\"maybe\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the mount-target list's \"rollout\" must be \"pending\" or \"done\", not \"maybe\"");
    }

    @Test
    void refusesAnEmptyFileSystemIdAsTheOldTerraformDefaultHadIt() {
        assertThatThrownBy(() -> MountTargetListCodec.decode("{\"schemaVersion\":1,\"fileSystemId\":\"\",\"mountTargets\":[]}"))
                .hasMessageContaining("\"fileSystemId\" must be non-empty text");
    }
}
