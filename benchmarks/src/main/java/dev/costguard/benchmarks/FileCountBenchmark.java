package dev.costguard.benchmarks;

import dev.costguard.core.efs.CountMode;
import dev.costguard.core.efs.FileCount;
import dev.costguard.core.efs.FileCounter;
import dev.costguard.core.time.Deadline;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counting the files of one big directory, each mode against its shell baseline on the same directory in the same
 * run: ENTRIES against {@code ls -f DIR | wc -l}, REGULAR_FILES against {@code find DIR -maxdepth 1 -type f | wc -l}.
 * The Java side is timed inside this JVM after a warm-up, so JVM start-up is excluded (a Lambda pays it once per
 * cold start, not per count); the shell side includes starting ls/find, a few milliseconds. Heap: the peak used
 * heap above the idle level while counting a tenth of the files and all of them; flat means it does not grow
 * with the count. Early stop: the scaler's count stops once past its threshold (it only needs "more than N"),
 * timed on the same directory against the full count and ls -f of the same round. Knobs: -Dfiles= (default
 * 1000000), -Drounds= (3), -Ddir= (target/bench-files), -Dthreshold= (1000).
 */
public final class FileCountBenchmark {

    private FileCountBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int files = Integer.getInteger("files", 1_000_000);
        int rounds = Integer.getInteger("rounds", 3);
        long threshold = Long.getLong("threshold", 1_000);
        Path dir = Path.of(System.getProperty("dir", "target/bench-files")).toAbsolutePath();
        Path tenth = dir.resolveSibling(dir.getFileName() + "-tenth");
        prepare(dir, files);
        prepare(tenth, files / 10);
        System.out.printf("files=%d dir=%s java=%s%n", files, dir, System.getProperty("java.version"));

        // Warm-up: JIT and the file system's own caches, for both sides alike.
        count(CountMode.ENTRIES, dir);
        shell("ls -f '" + dir + "' | wc -l");
        for (int round = 1; round <= rounds; round++) {
            long javaEntries = time(() -> check(count(CountMode.ENTRIES, dir), files));
            long lsEntries = time(() -> check(shell("ls -f '" + dir + "' | wc -l") - 2, files));
            long javaFiles = time(() -> check(count(CountMode.REGULAR_FILES, dir), files));
            long findFiles = time(() -> check(shell("find '" + dir + "' -maxdepth 1 -type f | wc -l"), files));
            long earlyEntries = time(() -> stopsAbove(CountMode.ENTRIES, dir, threshold));
            long earlyFiles = time(() -> stopsAbove(CountMode.REGULAR_FILES, dir, threshold));
            System.out.printf("round %d: entries java=%.3fs ls-f=%.3fs ratio=%.2f | regular-files java=%.3fs find=%.3fs ratio=%.2f%n",
                    round, javaEntries / 1e9, lsEntries / 1e9, (double) javaEntries / lsEntries,
                    javaFiles / 1e9, findFiles / 1e9, (double) javaFiles / findFiles);
            System.out.printf("round %d: early stop above %d: entries java=%.4fs ratio to ls-f=%.4f to full count=%.4f"
                    + " | regular-files java=%.4fs ratio to find=%.4f to full count=%.4f%n", round, threshold,
                    earlyEntries / 1e9, (double) earlyEntries / lsEntries, (double) earlyEntries / javaEntries,
                    earlyFiles / 1e9, (double) earlyFiles / findFiles, (double) earlyFiles / javaFiles);
        }
        long heapTenth = peakHeapWhile(() -> count(CountMode.ENTRIES, tenth));
        long heapAll = peakHeapWhile(() -> count(CountMode.ENTRIES, dir));
        System.out.printf("heap: peak used above idle while counting %d files=%.1f MiB, %d files=%.1f MiB (ratio %.2f for 10x the files)%n",
                files / 10, heapTenth / 1048576.0, files, heapAll / 1048576.0, (double) heapAll / Math.max(1, heapTenth));
    }

    private static void prepare(Path dir, int files) throws IOException {
        Files.createDirectories(dir);
        long present = count(CountMode.ENTRIES, dir);
        if (present == files) {
            return;
        }
        System.out.printf("creating %d empty files in %s ...%n", files, dir);
        for (int i = 0; i < files; i++) {
            Path file = dir.resolve("f" + i);
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        }
    }

    private static long count(CountMode mode, Path dir) {
        FileCount result = new FileCounter(mode, false).count(dir);
        if (result instanceof FileCount.Counted counted) {
            return counted.count();
        }
        throw new IllegalStateException(((FileCount.Failed) result).reason());
    }

    /** The scaler's bounded count: it must answer "more than threshold" on a directory that holds more. */
    private static void stopsAbove(CountMode mode, Path dir, long threshold) {
        FileCount result = new FileCounter(mode, false).count(dir, threshold, Deadline.unbounded(Clock.systemUTC()));
        if (!(result instanceof FileCount.MoreThan more) || more.limit() != threshold) {
            throw new IllegalStateException("expected more than " + threshold + ", got " + result);
        }
    }

    private static long shell(String command) {
        try {
            Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(command + " failed: " + out);
            }
            return Long.parseLong(out);
        } catch (IOException e) {
            throw new IllegalStateException(command + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command + " interrupted", e);
        }
    }

    private static void check(long counted, int expected) {
        if (counted != expected) {
            throw new IllegalStateException("counted " + counted + ", expected " + expected);
        }
    }

    private static long time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    /** Samples used heap every millisecond while the work runs; returns the peak above the level before it. */
    private static long peakHeapWhile(Runnable work) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        Thread.sleep(200);
        long idle = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(idle);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        work.run();
        running.set(false);
        sampler.join();
        return Math.max(0, peak.get() - idle);
    }
}
