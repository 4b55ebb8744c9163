package dev.costguard.core.efs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EfsPathRouterTest {

    private static final MountPointCheck ALL_HEALTHY = path -> Optional.empty();

    static List<Path> mountPoints(int n) {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            paths.add(Path.of("/mnt/efs-" + i));
        }
        return paths;
    }

    static String randomPath(Random random) {
        StringBuilder path = new StringBuilder();
        int depth = 1 + random.nextInt(4);
        for (int d = 0; d < depth; d++) {
            if (d > 0) {
                path.append('/');
            }
            int length = 1 + random.nextInt(12);
            for (int c = 0; c < length; c++) {
                path.append((char) ('a' + random.nextInt(26)));
            }
        }
        return path.append(random.nextBoolean() ? ".csv" : ".json").toString();
    }

    // ---- P5: deterministic ------------------------------------------------------------------------------

    @RepeatedTest(20)
    void theSamePathAlwaysGoesToTheSameMountPointWhateverTheRouterInstanceOrOrder(RepetitionInfo repetition) {
        Random random = new Random(5_000L + repetition.getCurrentRepetition());
        int n = 1 + random.nextInt(8);
        List<Path> points = mountPoints(n);
        List<Path> shuffled = new ArrayList<>(points);
        java.util.Collections.shuffle(shuffled, random);
        EfsPathRouter first = EfsPathRouter.build(points, ALL_HEALTHY);
        EfsPathRouter second = EfsPathRouter.build(shuffled, ALL_HEALTHY);
        for (int i = 0; i < 500; i++) {
            String path = randomPath(random);
            Path chosen = first.mountPointFor(path);
            assertThat(first.mountPointFor(path)).isEqualTo(chosen);
            assertThat(second.mountPointFor(path)).as("order of the mount points must not matter").isEqualTo(chosen);
            assertThat(first.mountPointFor("/" + path)).isEqualTo(chosen);
            assertThat(first.mountPointFor("./" + path)).isEqualTo(chosen);
        }
    }

    @Test
    void theHashIsPinnedSoEveryJvmAndRestartAgrees() {
        // Published FNV-1a 64 test vectors, then fixed routes: a change to the hash would move every file of
        // every running service at once.
        assertThat(StableHash.fnv1a("")).isEqualTo(0xcbf29ce484222325L);
        assertThat(StableHash.fnv1a("a")).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(StableHash.fnv1a("foobar")).isEqualTo(0x85944171f73967e8L);
        assertThat(StableHash.mix(0)).isZero();
        EfsPathRouter router = EfsPathRouter.build(mountPoints(3), ALL_HEALTHY);
        Map<String, String> pinned = new HashMap<>();
        for (String path : List.of("a.txt", "reports/2026/11/a.csv", "日本語/ファイル.txt", "x/y/z")) {
            pinned.put(path, router.mountPointFor(path).toString());
        }
        assertThat(pinned).isEqualTo(Map.of("a.txt", "/mnt/efs-0", "reports/2026/11/a.csv", "/mnt/efs-1",
                "日本語/ファイル.txt", "/mnt/efs-0", "x/y/z", "/mnt/efs-2"));
    }

    // ---- P6: uniform ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} mount points")
    @ValueSource(ints = { 2, 3, 4, 5, 8 })
    void pathsSpreadEvenlyWithinAChiSquareBound(int n) {
        Random random = new Random(6_000L + n);
        EfsPathRouter router = EfsPathRouter.build(mountPoints(n), ALL_HEALTHY);
        int samples = 20_000;
        Map<Path, Integer> counts = new HashMap<>();
        for (int i = 0; i < samples; i++) {
            counts.merge(router.mountPointFor(randomPath(random)), 1, Integer::sum);
        }
        double expected = (double) samples / n;
        double chiSquare = 0;
        for (Path point : mountPoints(n)) {
            double observed = counts.getOrDefault(point, 0);
            chiSquare += (observed - expected) * (observed - expected) / expected;
        }
        // Critical values of chi-square at p = 0.001 for n - 1 degrees of freedom.
        double critical = switch (n - 1) {
            case 1 -> 10.83;
            case 2 -> 13.82;
            case 3 -> 16.27;
            case 4 -> 18.47;
            case 7 -> 24.32;
            default -> throw new IllegalArgumentException("no critical value for " + n);
        };
        assertThat(chiSquare).as("chi-square over %s mount points: %s", n, counts).isLessThan(critical);
    }

    // ---- growth 3 -> 4 ----------------------------------------------------------------------------------

    @RepeatedTest(5)
    void addingAFourthMountPointMovesAboutAQuarterOfThePathsAndOnlyToTheNewOne(RepetitionInfo repetition) {
        Random random = new Random(7_000L + repetition.getCurrentRepetition());
        EfsPathRouter three = EfsPathRouter.build(mountPoints(3), ALL_HEALTHY);
        EfsPathRouter four = EfsPathRouter.build(mountPoints(4), ALL_HEALTHY);
        int samples = 20_000;
        int moved = 0;
        for (int i = 0; i < samples; i++) {
            String path = randomPath(random);
            Path before = three.mountPointFor(path);
            Path after = four.mountPointFor(path);
            if (!before.equals(after)) {
                moved++;
                assertThat(after).as("a moved path goes to the new mount point").isEqualTo(Path.of("/mnt/efs-3"));
            }
        }
        assertThat((double) moved / samples).isBetween(0.22, 0.28);
    }

    // ---- P8: unhealthy mount points -----------------------------------------------------------------------

    @RepeatedTest(30)
    void anUnhealthyMountPointIsNeverChosenWhileAHealthyOneExists(RepetitionInfo repetition) {
        Random random = new Random(8_000L + repetition.getCurrentRepetition());
        int n = 2 + random.nextInt(6);
        List<Path> points = mountPoints(n);
        Set<Path> broken = new HashSet<>();
        for (Path point : points) {
            if (random.nextInt(3) == 0) {
                broken.add(point);
            }
        }
        if (broken.isEmpty()) {
            broken.add(points.get(random.nextInt(n)));
        }
        if (broken.size() == n) {
            broken.remove(points.get(random.nextInt(n)));
        }
        EfsPathRouter all = EfsPathRouter.build(points, ALL_HEALTHY);
        EfsPathRouter router = EfsPathRouter.build(points,
                path -> broken.contains(path) ? Optional.of("does not exist") : Optional.empty());
        assertThat(router.healthyMountPoints()).doesNotContainAnyElementsOf(broken).hasSize(n - broken.size());
        for (int i = 0; i < 300; i++) {
            String path = randomPath(random);
            Path chosen = router.mountPointFor(path);
            assertThat(broken).doesNotContain(chosen);
            if (!broken.contains(all.mountPointFor(path))) {
                assertThat(chosen).as("paths of healthy mount points stay where they were")
                        .isEqualTo(all.mountPointFor(path));
            }
        }
    }

    @Test
    void buildRefusesWhenNoMountPointIsHealthyNamingEveryProblem() {
        assertThatThrownBy(() -> EfsPathRouter.build(mountPoints(2), path -> Optional.of("is not writable")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no healthy mount point: /mnt/efs-0 is not writable; /mnt/efs-1 is not writable");
    }

    @Test
    void refreshChecksHealthAgainSoARepairedMountPointComesBackAndABrokenOneLeaves() {
        Set<Path> broken = new HashSet<>(Set.of(Path.of("/mnt/efs-1")));
        EfsPathRouter router = EfsPathRouter.build(mountPoints(3),
                path -> broken.contains(path) ? Optional.of("does not exist") : Optional.empty());
        assertThat(router.healthyMountPoints()).containsExactly(Path.of("/mnt/efs-0"), Path.of("/mnt/efs-2"));

        broken.clear();
        broken.add(Path.of("/mnt/efs-0"));
        List<MountPointState> states = router.refresh();

        assertThat(states).extracting(MountPointState::healthy).containsExactly(false, true, true);
        assertThat(router.healthyMountPoints()).containsExactly(Path.of("/mnt/efs-1"), Path.of("/mnt/efs-2"));
        for (String path : List.of("a.txt", "reports/2026/11/a.csv", "x/y/z", "b", "c", "d")) {
            assertThat(router.mountPointFor(path)).isNotEqualTo(Path.of("/mnt/efs-0"));
        }

        broken.addAll(mountPoints(3));
        router.refresh();

        assertThatThrownBy(() -> router.resolve("a.txt")).isInstanceOf(IllegalStateException.class)
                .hasMessage("no healthy mount point: /mnt/efs-0 does not exist; /mnt/efs-1 does not exist; "
                        + "/mnt/efs-2 does not exist");
    }

    @Test
    void aHealthCheckThatHangsIsCutOffAtItsTimeLimitAndTheMountPointIsUnhealthy() {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        MountPointCheck hangsOnOne = path -> {
            if (path.equals(Path.of("/mnt/efs-1"))) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Optional.empty();
        };
        try {
            EfsPathRouter router = EfsPathRouter.build(mountPoints(2), hangsOnOne, java.time.Duration.ofMillis(200));

            assertThat(router.healthyMountPoints()).containsExactly(Path.of("/mnt/efs-0"));
            assertThat(router.mountPoints().get(1).problem()).contains(
                    "did not answer its health check within 200 ms (a hung NFS mount?)");
        } finally {
            never.countDown();
        }
    }

    @Test
    void aHealthCheckThatThrowsMakesItsMountPointUnhealthyNamingTheError() {
        MountPointCheck throwsOnOne = path -> {
            if (path.equals(Path.of("/mnt/efs-1"))) {
                throw new IllegalStateException("stat /mnt/efs-1: Stale file handle");
            }
            return Optional.empty();
        };

        EfsPathRouter router = EfsPathRouter.build(mountPoints(2), throwsOnOne);

        assertThat(router.healthyMountPoints()).containsExactly(Path.of("/mnt/efs-0"));
        assertThat(router.mountPoints().get(1).problem()).hasValue(
                "health check failed: java.lang.IllegalStateException: stat /mnt/efs-1: Stale file handle");
    }

    @Test
    void aRefreshInterruptedWhileWaitingMarksEveryUnansweredMountPointAndKeepsTheInterruptForTheCaller() {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean hang = new java.util.concurrent.atomic.AtomicBoolean();
        MountPointCheck check = path -> {
            if (hang.get()) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Optional.empty();
        };
        EfsPathRouter router = EfsPathRouter.build(mountPoints(2), check, java.time.Duration.ofSeconds(2));
        hang.set(true);
        try {
            Thread.currentThread().interrupt();

            List<MountPointState> states = router.refresh();

            assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
            assertThat(states).extracting(MountPointState::problem)
                    .containsExactly(Optional.of("health check interrupted"), Optional.of("health check interrupted"));
            assertThat(router.healthyMountPoints()).isEmpty();
        } finally {
            Thread.interrupted();
            release.countDown();
        }
    }

    // ---- full paths (req 3.3) -----------------------------------------------------------------------------

    @Test
    void buildsTheFullPathUnderTheChosenMountPoint() {
        EfsPathRouter router = EfsPathRouter.build(mountPoints(4), ALL_HEALTHY);

        Path full = router.resolve("/reports/2026/../2026/./a.csv");

        assertThat(full).isEqualTo(router.mountPointFor("reports/2026/a.csv").resolve("reports/2026/a.csv"));
        assertThat(full.startsWith(router.mountPointFor("reports/2026/a.csv"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "../etc/passwd", "a/../../b", "/..", "", "  ", ".", "a/.." })
    void refusesPathsThatLeaveTheMountPointOrNameNoFile(String path) {
        EfsPathRouter router = EfsPathRouter.build(mountPoints(2), ALL_HEALTHY);

        assertThatThrownBy(() -> router.resolve(path)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnEmptyOrDuplicatedMountPointList() {
        assertThatThrownBy(() -> EfsPathRouter.build(List.of(), ALL_HEALTHY))
                .hasMessage("the router needs at least one mount point");
        assertThatThrownBy(() -> EfsPathRouter.build(List.of(Path.of("/mnt/efs-0"), Path.of("/mnt/efs-0")), ALL_HEALTHY))
                .hasMessageContaining("listed twice");
    }

    @Test
    void oneMountPointPerAvailableTargetOfTheList() {
        MountTargetList list = new MountTargetList("fs-1", List.of(
                new MountTarget("fsmt-a", "ap-northeast-1a", "subnet-a", "10.0.1.5", "available"),
                new MountTarget("fsmt-c", "ap-northeast-1c", "subnet-c", "10.0.3.5", "available"),
                new MountTarget("fsmt-d", "ap-northeast-1d", "subnet-d", null, "creating")));

        assertThat(EfsPathRouter.mountPointsFor(list, "/mnt/efs"))
                .containsExactly(Path.of("/mnt/efs-0"), Path.of("/mnt/efs-1"));
        assertThatThrownBy(() -> EfsPathRouter.mountPointsFor(new MountTargetList("fs-1", List.of()), "/mnt/efs"))
                .hasMessage("the list for fs-1 has no available mount target");
    }
}
