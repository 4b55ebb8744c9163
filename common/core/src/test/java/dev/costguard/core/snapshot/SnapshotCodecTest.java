package dev.costguard.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {

    @RepeatedTest(25)
    void roundTripsAnySnapshot(RepetitionInfo repetition) {
        Random random = new Random(42L * repetition.getCurrentRepetition());
        List<Snapshot.FunctionConcurrency> functions = new ArrayList<>();
        for (int i = 0; i < random.nextInt(30); i++) {
            functions.add(new Snapshot.FunctionConcurrency("fn-" + i, random.nextBoolean() ? null : random.nextInt(100)));
        }
        List<Snapshot.ServiceCapacity> services = new ArrayList<>();
        for (int i = 0; i < random.nextInt(5); i++) {
            boolean scalable = random.nextBoolean();
            services.add(new Snapshot.ServiceCapacity("cluster", "svc-" + i, random.nextInt(10),
                    scalable ? random.nextInt(3) : null, scalable ? 3 + random.nextInt(5) : null));
        }
        Snapshot snapshot = new Snapshot(Snapshot.CURRENT_VERSION, "shutdown",
                Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000_000)), "budget-alert", functions,
                new Snapshot.InstanceSnapshot("i-0123456789abcdef0", random.nextBoolean() ? "running" : "stopped"),
                new Snapshot.DistributionSnapshot("E123", random.nextBoolean()), services);

        assertThat(SnapshotCodec.decode(SnapshotCodec.encode(snapshot))).isEqualTo(snapshot);
    }

    @Test
    void writesTheSchemaVersionAndLeavesOutSectionsItDoesNotOwn() {
        Snapshot snapshot = new Snapshot(1, "ecs-scheduler", Instant.parse("2026-11-01T13:00:00Z"), "schedule", null,
                null, null, List.of(new Snapshot.ServiceCapacity("c", "web", 2, null, null)));
        String json = SnapshotCodec.encode(snapshot);
        assertThat(json).startsWith("{\"schemaVersion\":1,").doesNotContain("\"instance\"").doesNotContain("\"functions\"");
    }

    @Test
    void refusesASchemaVersionItDoesNotKnow() {
        assertThatThrownBy(() -> SnapshotCodec.decode("{\"schemaVersion\":2,\"takenBy\":\"x\"}"))
                .hasMessage("the snapshot has schemaVersion 2 but this build reads only 1");
    }

    @Test
    void refusesSomethingThatIsNotJson() {
        assertThatThrownBy(() -> SnapshotCodec.decode("stopped at 9")).hasMessageStartingWith("the snapshot is not");
    }
}
