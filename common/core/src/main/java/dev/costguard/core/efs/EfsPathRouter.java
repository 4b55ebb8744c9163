package dev.costguard.core.efs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Spreads a service's files over the mount points it is given (/mnt/efs-0 ... /mnt/efs-N, prepared by the
 * platform) with rendezvous (highest random weight) hashing: each path goes to the healthy mount point whose
 * weight for that path is highest. The same path always lands on the same mount point in every process and
 * after restarts; adding a mount point moves only the paths it now wins (about 1/N), where modulo hashing would
 * move most of them; and an unhealthy mount point is simply never chosen, its paths going to their next-highest
 * mount point. Every mount point of one file system shows the same files, so that never makes a file
 * unreachable: the router spreads NFS connections and I/O, it does not partition data.
 */
public final class EfsPathRouter {

    private final List<MountPointState> mountPoints;
    private final List<Path> healthy;
    private final long[] healthyHashes;

    private EfsPathRouter(List<MountPointState> mountPoints) {
        this.mountPoints = List.copyOf(mountPoints);
        this.healthy = mountPoints.stream().filter(MountPointState::healthy).map(MountPointState::path).toList();
        this.healthyHashes = healthy.stream().mapToLong(p -> StableHash.of(p.toString())).toArray();
    }

    /** Checks every mount point once; a service rebuilds the router to pick up a repaired or new one. */
    public static EfsPathRouter build(List<Path> mountPoints, MountPointCheck check) {
        if (mountPoints.isEmpty()) {
            throw new IllegalArgumentException("the router needs at least one mount point");
        }
        if (mountPoints.stream().distinct().count() != mountPoints.size()) {
            throw new IllegalArgumentException("a mount point is listed twice: " + mountPoints);
        }
        List<MountPointState> states = new ArrayList<>();
        for (Path mountPoint : mountPoints) {
            states.add(new MountPointState(mountPoint, check.problem(mountPoint)));
        }
        return new EfsPathRouter(states);
    }

    /**
     * The mount points for a published list: one per available mount target, {@code base}-0 ...
     * ({@code /mnt/efs-0} for base {@code /mnt/efs}), the convention the task definition's volumes follow.
     */
    public static List<Path> mountPointsFor(MountTargetList list, String base) {
        int available = list.available().size();
        if (available == 0) {
            throw new IllegalArgumentException("the list for " + list.fileSystemId() + " has no available mount target");
        }
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < available; i++) {
            paths.add(Path.of(base + "-" + i));
        }
        return paths;
    }

    /** The mount point that serves this file path. */
    public Path mountPointFor(String path) {
        return healthy.get(indexFor(RoutedPath.of(path)));
    }

    /** The full path of the file under its mount point (req 3.3): "reports/a.csv" on /mnt/efs-2 is /mnt/efs-2/reports/a.csv. */
    public Path resolve(String path) {
        String relative = RoutedPath.of(path);
        return healthy.get(indexFor(relative)).resolve(relative);
    }

    public List<MountPointState> mountPoints() {
        return mountPoints;
    }

    public List<Path> healthyMountPoints() {
        return healthy;
    }

    private int indexFor(String relative) {
        if (healthy.isEmpty()) {
            throw new IllegalStateException("no healthy mount point: " + String.join("; ", mountPoints.stream()
                    .map(m -> m.path() + " " + m.problem().orElse("")).toList()));
        }
        long key = StableHash.of(relative);
        int best = 0;
        long bestWeight = Long.MIN_VALUE;
        for (int i = 0; i < healthyHashes.length; i++) {
            long weight = StableHash.combine(key, healthyHashes[i]);
            // Ties are astronomically rare; breaking them by position keeps the answer deterministic anyway.
            if (weight > bestWeight) {
                bestWeight = weight;
                best = i;
            }
        }
        return best;
    }
}
