package dev.costguard.core.run;

import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import dev.costguard.core.time.Deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs one action per target through a bounded pool, each call first taking a slot from the rate limiter.
 * Every target gets exactly one result, in input order; a failure of one target never stops the others.
 * A target whose turn comes after the deadline is not called: its item is FAILED with {@link Deadline#NO_TIME}.
 */
public final class BoundedFanOut {

    /** The per-target action; a thrown exception becomes that target's FAILED item. */
    @FunctionalInterface
    public interface Action<T> {
        String apply(T target) throws Exception;
    }

    private final int poolSize;
    private final RateLimiter limiter;
    private final Clock clock;

    public BoundedFanOut(int poolSize, RateLimiter limiter, Clock clock) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1, got " + poolSize);
        }
        this.poolSize = poolSize;
        this.limiter = limiter;
        this.clock = clock;
    }

    public <T> List<StepResult> run(List<T> targets, Function<T, String> name, Action<T> action)
            throws InterruptedException {
        return run(targets, name, action, Deadline.unbounded(clock));
    }

    public <T> List<StepResult> run(List<T> targets, Function<T, String> name, Action<T> action, Deadline deadline)
            throws InterruptedException {
        if (targets.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(poolSize, targets.size()), runnable -> {
            Thread thread = new Thread(runnable, "cost-guard-fan-out");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<StepResult>> futures = new ArrayList<>();
            for (T target : targets) {
                futures.add(pool.submit(() -> runOne(target, name.apply(target), action, deadline)));
            }
            List<StepResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    // runOne catches everything it can; this is an Error escaping a worker.
                    results.add(StepResult.item(name.apply(targets.get(i)), StepStatus.FAILED,
                            StepRunner.describe(e.getCause()), clock.instant(), Duration.ZERO));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private <T> StepResult runOne(T target, String name, Action<T> action, Deadline deadline) {
        Instant start = clock.instant();
        try {
            limiter.acquire();
            if (deadline.expired()) {
                return StepResult.item(name, StepStatus.FAILED, Deadline.NO_TIME, start, Duration.ZERO);
            }
            String detail = action.apply(target);
            return StepResult.item(name, StepStatus.SUCCEEDED, detail, start, Duration.between(start, clock.instant()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StepResult.item(name, StepStatus.FAILED, "interrupted", start, Duration.between(start, clock.instant()));
        } catch (Exception e) {
            return StepResult.item(name, StepStatus.FAILED, StepRunner.describe(e), start,
                    Duration.between(start, clock.instant()));
        }
    }
}
