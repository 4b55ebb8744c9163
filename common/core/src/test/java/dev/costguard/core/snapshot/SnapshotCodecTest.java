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
        assertThatThrownBy(() -> SnapshotCodec.decode("{\"schemaVersion\":3,\"takenBy\":\"x\"}"))
                .hasMessage("the snapshot has schemaVersion 3 but this build reads only 1 and 2");
    }

    @Test
    void readsAVersionOneSnapshotLeftByTheEarlierRelease() {
        Snapshot read = SnapshotCodec.decode("{\"schemaVersion\":1,\"takenBy\":\"shutdown\",\"takenAt\":"
                + "\"2026-11-01T00:00:00Z\",\"trigger\":\"budget-alert\",\"functions\":[{\"name\":\"a\","
                + "\"reservedConcurrency\":10},{\"name\":\"b\"}],\"instance\":{\"instanceId\":\"i-0123abcd\","
                + "\"state\":\"running\"},\"distribution\":{\"distributionId\":\"E2DEMO01\",\"enabled\":true}}");
        assertThat(read.functions()).containsExactly(new Snapshot.FunctionConcurrency("a", 10),
                new Snapshot.FunctionConcurrency("b", null));
        assertThat(read.functions()).allMatch(Snapshot.FunctionConcurrency::known);
        assertThat(read.instance().known()).isTrue();
    }

    @Test
    void keepsEveryUnknownItemWithItsReason() {
        Snapshot snapshot = new Snapshot(Snapshot.CURRENT_VERSION, "shutdown", Instant.parse("2026-11-01T00:00:00Z"),
                "budget-alert", List.of(new Snapshot.FunctionConcurrency("a", 10),
                        Snapshot.FunctionConcurrency.unknown("b", "GetFunctionConcurrency b failed: ServiceException (HTTP 500)")),
                Snapshot.InstanceSnapshot.unknown("i-0123abcd", "DescribeInstances timed out"),
                Snapshot.DistributionSnapshot.unknown("E2DEMO01", "GetDistributionConfig failed: AccessDenied"), null);
        Snapshot read = SnapshotCodec.decode(SnapshotCodec.encode(snapshot));
        assertThat(read).isEqualTo(snapshot);
        assertThat(read.functions().get(0).known()).isTrue();
        assertThat(read.functions().get(1).known()).isFalse();
        assertThat(read.instance().known()).isFalse();
        assertThat(read.instance().state()).isNull();
        assertThat(read.distribution().known()).isFalse();
        assertThat(read.distribution().enabled()).isNull();
    }

    @Test
    void anInstanceOrDistributionReadBeforeTheChangeIsKnownEvenWhenStoppedOrDisabled() {
        assertThat(new Snapshot.InstanceSnapshot("i-0123abcd", "stopped").known()).isTrue();
        assertThat(new Snapshot.DistributionSnapshot("E2DEMO01", false).known()).isTrue();
    }

    @Test
    void aServiceIsKnownOnlyWithItsOwnSizeAndNoReasonAgainstIt() {
        Snapshot.ServiceCapacity sized = new Snapshot.ServiceCapacity("c", "web", 0, null, null);
        Snapshot.ServiceCapacity unseen = Snapshot.ServiceCapacity.unknown("c", "api", 1, 4,
                "found at 0 tasks: its own size was never seen");

        assertThat(sized.known()).as("a size of 0 read from the service is still its own").isTrue();
        assertThat(unseen.known()).isFalse();
        assertThat(unseen).isEqualTo(new Snapshot.ServiceCapacity("c", "api", null, 1, 4,
                "found at 0 tasks: its own size was never seen"));
        // A document whose service lacks desiredCount and gives no reason still holds no size to restore.
        Snapshot read = SnapshotCodec.decode("{\"schemaVersion\":1,\"takenBy\":\"ecs-scheduler\","
                + "\"services\":[{\"cluster\":\"c\",\"service\":\"web\"}]}");
        assertThat(read.services().get(0).desiredCount()).isNull();
        assertThat(read.services().get(0).known()).isFalse();
    }

    /** One function whose name is {@code nameLength} characters: the JSON grows by exactly one per character. */
    private static Snapshot oneFunctionNamed(int nameLength) {
        return new Snapshot(Snapshot.CURRENT_VERSION, "shutdown", Instant.parse("2026-11-01T00:00:00Z"),
                "budget-alert", List.of(new Snapshot.FunctionConcurrency("f".repeat(nameLength), 5)), null, null, null);
    }

    @Test
    void aDocumentOfExactlyTheStandardTierSizeStaysReadableJsonAndOneMoreCharacterIsCompressed() {
        int base = SnapshotCodec.encode(oneFunctionNamed(1)).length();
        Snapshot atLimit = oneFunctionNamed(1 + SnapshotCodec.COMPRESS_ABOVE - base);
        Snapshot overLimit = oneFunctionNamed(2 + SnapshotCodec.COMPRESS_ABOVE - base);

        String plain = SnapshotCodec.encode(atLimit);
        String compressed = SnapshotCodec.encode(overLimit);

        assertThat(plain).hasSize(SnapshotCodec.COMPRESS_ABOVE).startsWith("{\"schemaVersion\":2,\"takenBy\"")
                .doesNotContain("\"encoding\"");
        assertThat(SnapshotCodec.decode(plain)).isEqualTo(atLimit);
        assertThat(compressed).startsWith("{\"schemaVersion\":2,\"encoding\":\"gzip+base64\",\"data\":\"");
        assertThat(SnapshotCodec.decode(compressed)).isEqualTo(overLimit);
    }

    /** The Lambda environment holds 4 KB, so 4 KB of comma-separated names is the most a kill switch can list. */
    @RepeatedTest(10)
    void fitsOneSsmParameterForTheLongestFunctionListTheLambdaEnvironmentHolds(RepetitionInfo repetition) {
        Random random = new Random(7L * repetition.getCurrentRepetition());
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
        List<Snapshot.FunctionConcurrency> functions = new ArrayList<>();
        int envChars = 0;
        while (true) {
            int length = 1 + random.nextInt(repetition.getCurrentRepetition() % 2 == 0 ? 64 : 12);
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < length; i++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (envChars + length + 1 > 4096) {
                break;
            }
            envChars += length + 1;
            int kind = random.nextInt(3);
            functions.add(kind == 0 ? new Snapshot.FunctionConcurrency(name.toString(), null)
                    : kind == 1 ? new Snapshot.FunctionConcurrency(name.toString(), random.nextInt(1000))
                    : Snapshot.FunctionConcurrency.unknown(name.toString(), "GetFunctionConcurrency failed: HTTP 500"));
        }
        Snapshot snapshot = new Snapshot(Snapshot.CURRENT_VERSION, "shutdown", Instant.parse("2026-11-01T00:00:00Z"),
                "budget-alert", functions, new Snapshot.InstanceSnapshot("i-0123456789abcdef0", "running"),
                new Snapshot.DistributionSnapshot("E2DEMO0CDN0001", true), null);

        String stored = SnapshotCodec.encode(snapshot);

        assertThat(stored.length()).isLessThanOrEqualTo(SnapshotCodec.MAX_STORED);
        assertThat(stored).contains("\"encoding\":\"gzip+base64\"").contains("\"schemaVersion\":2");
        assertThat(SnapshotCodec.decode(stored)).isEqualTo(snapshot);
    }

    @Test
    void refusesLoudlyWhatNoParameterCanHold() {
        Random random = new Random(1);
        List<Snapshot.FunctionConcurrency> functions = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            functions.add(new Snapshot.FunctionConcurrency(Long.toString(random.nextLong(), 36) + Long.toString(random.nextLong(), 36), i));
        }
        Snapshot snapshot = new Snapshot(Snapshot.CURRENT_VERSION, "shutdown", Instant.parse("2026-11-01T00:00:00Z"),
                "budget-alert", functions, null, null, null);
        assertThatThrownBy(() -> SnapshotCodec.encode(snapshot)).isInstanceOf(SnapshotTooLargeException.class)
                .hasMessageContaining("an SSM parameter holds at most 8192");
    }

    @Test
    void refusesSomethingThatIsNotJson() {
        assertThatThrownBy(() -> SnapshotCodec.decode("stopped at 9")).hasMessageStartingWith("the snapshot is not");
    }
}
