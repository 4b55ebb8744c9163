package dev.costguard.benchmarks;

import dev.costguard.core.efs.EfsPathRouter;
import dev.costguard.core.efs.StableHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The EFS path router on growth from 3 to 4 mount points: the share of paths that move with rendezvous hashing
 * against modulo hashing of the same stable hash over the same paths (ideal: 1/4 against 3/4), and lookups per
 * second against the modulo lookup measured in the same run. Knobs: -Dpaths= (default 1000000), -Drounds= (3).
 */
public final class RouterRemapBenchmark {

    private RouterRemapBenchmark() {
    }

    public static void main(String[] args) {
        int count = Integer.getInteger("paths", 1_000_000);
        int rounds = Integer.getInteger("rounds", 3);
        Random random = new Random(42);
        List<String> paths = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            paths.add("tenant-" + random.nextInt(500) + "/2026/" + (1 + random.nextInt(12)) + "/file-"
                    + Long.toHexString(random.nextLong()) + ".bin");
        }
        EfsPathRouter three = EfsPathRouter.build(mountPoints(3), path -> Optional.empty());
        EfsPathRouter four = EfsPathRouter.build(mountPoints(4), path -> Optional.empty());
        int movedRendezvous = 0;
        int movedModulo = 0;
        for (String path : paths) {
            if (!three.mountPointFor(path).equals(four.mountPointFor(path))) {
                movedRendezvous++;
            }
            long hash = StableHash.of(path);
            if (Math.floorMod(hash, 3) != Math.floorMod(hash, 4)) {
                movedModulo++;
            }
        }
        System.out.printf("paths=%d remapped 3->4: rendezvous=%.2f%% modulo=%.2f%% (ideal 25%% vs 75%%)%n", count,
                100.0 * movedRendezvous / count, 100.0 * movedModulo / count);
        for (int round = 1; round <= rounds; round++) {
            long sink = 0;
            long start = System.nanoTime();
            for (String path : paths) {
                sink += four.mountPointFor(path).hashCode();
            }
            long rendezvous = System.nanoTime() - start;
            start = System.nanoTime();
            for (String path : paths) {
                sink += Math.floorMod(StableHash.of(path), 4);
            }
            long modulo = System.nanoTime() - start;
            System.out.printf("round %d: rendezvous %.2f M lookups/s, modulo %.2f M lookups/s, ratio %.2f (sink %d)%n",
                    round, count / (rendezvous / 1e3), count / (modulo / 1e3), (double) rendezvous / modulo, sink & 1);
        }
    }

    private static List<Path> mountPoints(int n) {
        List<Path> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(Path.of("/mnt/efs-" + i));
        }
        return points;
    }
}
