package dev.costguard.core.efs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /** How long one mount point's health check may take before the mount point counts as hung. */
    public static final Duration DEFAULT_CHECK_TIME_LIMIT = Duration.ofSeconds(5);

    /**
     * Health checks run here: a stat on a hung NFS mount blocks in the kernel and cannot be interrupted, so the
     * caller stops waiting for it and the daemon thread it left behind cannot keep the JVM alive.
     */
    private static final ExecutorService CHECKS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "efs-mount-point-check");
        thread.setDaemon(true);
        return thread;
    });

    /** One consistent view of the mount points, replaced as a whole by {@link #refresh()}. */
    private record Health(List<MountPointState> states, List<Path> healthy, long[] hashes) {

        static Health of(List<MountPointState> states) {
            List<Path> healthy = states.stream().filter(MountPointState::healthy).map(MountPointState::path).toList();
            return new Health(List.copyOf(states), healthy,
                    healthy.stream().mapToLong(p -> StableHash.of(p.toString())).toArray());
        }

        String problems() {
            return "no healthy mount point: " + String.join("; ", states.stream()
                    .map(m -> m.path() + " " + m.problem().orElse("")).toList());
        }
    }

    private final List<Path> mountPoints;
    private final MountPointCheck check;
    private final Duration checkTimeLimit;
    private volatile Health health;

    private EfsPathRouter(List<Path> mountPoints, MountPointCheck check, Duration checkTimeLimit) {
        this.mountPoints = List.copyOf(mountPoints);
        this.check = check;
        this.checkTimeLimit = checkTimeLimit;
    }

    /** Checks every mount point, each within {@link #DEFAULT_CHECK_TIME_LIMIT}. */
    public static EfsPathRouter build(List<Path> mountPoints, MountPointCheck check) {
        return build(mountPoints, check, DEFAULT_CHECK_TIME_LIMIT);
    }

    /**
     * Checks every mount point (in parallel, each within {@code checkTimeLimit}) and refuses to build when none is
     * healthy: a service should fail at start-up, not at its first file.
     */
    public static EfsPathRouter build(List<Path> mountPoints, MountPointCheck check, Duration checkTimeLimit) {
        if (mountPoints.isEmpty()) {
            throw new IllegalArgumentException("the router needs at least one mount point");
        }
        if (mountPoints.stream().distinct().count() != mountPoints.size()) {
            throw new IllegalArgumentException("a mount point is listed twice: " + mountPoints);
        }
        if (checkTimeLimit.isNegative() || checkTimeLimit.isZero()) {
            throw new IllegalArgumentException("the health check's time limit must be positive, not " + checkTimeLimit);
        }
        EfsPathRouter router = new EfsPathRouter(mountPoints, check, checkTimeLimit);
        Health first = router.checkAll();
        if (first.healthy().isEmpty()) {
            throw new IllegalStateException(first.problems());
        }
        router.health = first;
        return router;
    }

    /**
     * Checks every mount point again (a service calls it on a schedule or after an I/O error): a repaired one
     * takes its paths back, a broken one gives them to their next mount point. Returns what it found.
     */
    public List<MountPointState> refresh() {
        Health now = checkAll();
        health = now;
        return now.states();
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
        String relative = RoutedPath.of(path);
        Health now = health;
        return now.healthy().get(indexFor(now, relative));
    }

    /** The full path of the file under its mount point (req 3.3): "reports/a.csv" on /mnt/efs-2 is /mnt/efs-2/reports/a.csv. */
    public Path resolve(String path) {
        String relative = RoutedPath.of(path);
        Health now = health;
        return RoutedPath.under(now.healthy().get(indexFor(now, relative)), relative, path);
    }

    public List<MountPointState> mountPoints() {
        return health.states();
    }

    public List<Path> healthyMountPoints() {
        return health.healthy();
    }

    private Health checkAll() {
        List<CompletableFuture<Optional<String>>> pending = new ArrayList<>();
        for (Path mountPoint : mountPoints) {
            pending.add(CompletableFuture.supplyAsync(() -> check.problem(mountPoint), CHECKS));
        }
        long end = System.nanoTime() + checkTimeLimit.toNanos();
        List<MountPointState> states = new ArrayList<>();
        for (int i = 0; i < mountPoints.size(); i++) {
            states.add(new MountPointState(mountPoints.get(i), answer(pending.get(i), end)));
        }
        return Health.of(states);
    }

    /** The checks run side by side, so a hung mount point costs the time limit once, not once per mount point. */
    private Optional<String> answer(CompletableFuture<Optional<String>> check, long end) {
        try {
            return check.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            check.cancel(true);
            return Optional.of("did not answer its health check within " + checkTimeLimit.toMillis()
                    + " ms (a hung NFS mount?)");
        } catch (ExecutionException e) {
            return Optional.of("health check failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("health check interrupted");
        }
    }

    private static int indexFor(Health health, String relative) {
        if (health.healthy().isEmpty()) {
            throw new IllegalStateException(health.problems());
        }
        long key = StableHash.of(relative);
        int best = 0;
        long bestWeight = Long.MIN_VALUE;
        for (int i = 0; i < health.hashes().length; i++) {
            long weight = StableHash.combine(key, health.hashes()[i]);
            // Ties are astronomically rare; breaking them by position keeps the answer deterministic anyway.
            if (weight > bestWeight) {
                bestWeight = weight;
                best = i;
            }
        }
        return best;
    }
}
