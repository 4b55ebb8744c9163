package dev.costguard.core.efs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCounterTest {

    @TempDir
    Path root;

    /** What a random tree holds, counted while it was built. */
    private record Expected(long topEntries, long topFiles, long allEntries, long allFiles) {
    }

    /** Files, empty and full subdirectories, symbolic links to files and to directories, at random depths. */
    private Expected randomTree(Random random) throws IOException {
        long[] counts = new long[4];
        fill(root, random, 0, counts);
        return new Expected(counts[0], counts[1], counts[2], counts[3]);
    }

    private void fill(Path dir, Random random, int depth, long[] counts) throws IOException {
        int entries = random.nextInt(depth == 0 ? 40 : 12);
        for (int i = 0; i < entries; i++) {
            Path entry = dir.resolve("e" + i + (random.nextBoolean() ? ".txt" : ""));
            int kind = random.nextInt(10);
            if (kind < 6) {
                Files.writeString(entry, "x".repeat(random.nextInt(3)));
                tally(counts, depth, true);
            } else if (kind < 8 && depth < 3) {
                Files.createDirectory(entry);
                tally(counts, depth, false);
                fill(entry, random, depth + 1, counts);
            } else {
                // A link is an entry, never a regular file (find -type f does not follow it), and never walked.
                Files.createSymbolicLink(entry, random.nextBoolean() ? root : dir.resolve("missing"));
                tally(counts, depth, false);
            }
        }
    }

    private static void tally(long[] counts, int depth, boolean regularFile) {
        if (depth == 0) {
            counts[0]++;
            counts[1] += regularFile ? 1 : 0;
        }
        counts[2]++;
        counts[3] += regularFile ? 1 : 0;
    }

    // P1: the count is exact for every mode on random trees.
    @RepeatedTest(25)
    void theCountIsExactForRandomTrees(RepetitionInfo repetition) throws IOException {
        Expected expected = randomTree(new Random(1_000L + repetition.getCurrentRepetition()));

        assertThat(new FileCounter(CountMode.ENTRIES, false).count(root)).isEqualTo(new FileCount.Counted(expected.topEntries()));
        assertThat(new FileCounter(CountMode.REGULAR_FILES, false).count(root)).isEqualTo(new FileCount.Counted(expected.topFiles()));
        assertThat(new FileCounter(CountMode.ENTRIES, true).count(root)).isEqualTo(new FileCount.Counted(expected.allEntries()));
        assertThat(new FileCounter(CountMode.REGULAR_FILES, true).count(root)).isEqualTo(new FileCount.Counted(expected.allFiles()));
    }

    @Test
    void anEmptyDirectoryCountsZero() {
        assertThat(new FileCounter(CountMode.ENTRIES, false).count(root)).isEqualTo(new FileCount.Counted(0));
    }

    @Test
    void aMissingDirectoryIsAFailedCountNotZero() {
        assertThat(new FileCounter(CountMode.ENTRIES, false).count(root.resolve("nope")))
                .isEqualTo(new FileCount.Failed(root.resolve("nope") + " does not exist"));
    }

    @Test
    void aFileInsteadOfADirectoryIsAFailedCount() throws IOException {
        Path file = Files.writeString(root.resolve("file"), "x");
        assertThat(new FileCounter(CountMode.REGULAR_FILES, false).count(file))
                .isEqualTo(new FileCount.Failed(file + " is not a directory"));
    }

    @Test
    void anUnreadableDirectoryIsAFailedCount() throws IOException {
        // Permissions cannot make a directory unreadable to root (CI runs as root), so the denial is what the
        // file system would throw for a non-root Lambda user on a directory without read permission.
        Path locked = Files.createDirectory(root.resolve("locked"));
        FileCounter counter = new FileCounter(CountMode.ENTRIES, false, dir -> {
            throw new AccessDeniedException(dir.toString());
        });
        assertThat(counter.count(locked)).isEqualTo(new FileCount.Failed(locked + " is not readable (permission denied)"));
    }

    @Test
    void aSubdirectoryThatCannotBeReadFailsTheRecursiveCountByNamingIt() throws IOException {
        Path sub = Files.createDirectories(root.resolve("top/sub"));
        Files.writeString(root.resolve("top/a"), "x");
        FileCounter counter = new FileCounter(CountMode.REGULAR_FILES, true, dir -> {
            if (dir.equals(sub)) {
                throw new AccessDeniedException(dir.toString());
            }
            return Files.newDirectoryStream(dir);
        });
        assertThat(counter.count(root.resolve("top"))).isEqualTo(new FileCount.Failed(sub + " is not readable (permission denied)"));
    }

    @Test
    void aDirectoryRemovedBetweenTheCheckAndTheOpenIsAFailedCountNotZero() throws IOException {
        Path gone = Files.createDirectory(root.resolve("gone"));
        FileCounter counter = new FileCounter(CountMode.ENTRIES, false, dir -> {
            throw new NoSuchFileException(dir.toString());
        });
        assertThat(counter.count(gone)).isEqualTo(new FileCount.Failed(gone + " does not exist"));
    }

    @Test
    void aSubdirectoryRemovedDuringARecursiveCountHasNothingLeftToCount() throws IOException {
        Path sub = Files.createDirectories(root.resolve("top/sub"));
        Files.writeString(root.resolve("top/a"), "x");
        Files.writeString(sub.resolve("b"), "x");
        FileCounter counter = new FileCounter(CountMode.REGULAR_FILES, true, dir -> {
            if (dir.equals(sub)) {
                throw new NoSuchFileException(dir.toString());
            }
            return Files.newDirectoryStream(dir);
        });
        assertThat(counter.count(root.resolve("top"))).isEqualTo(new FileCount.Counted(1));
    }

    @Test
    void aDirectoryReplacedByAFileBeforeTheOpenIsAFailedCount() throws IOException {
        Path replaced = Files.createDirectory(root.resolve("replaced"));
        FileCounter counter = new FileCounter(CountMode.ENTRIES, false, dir -> {
            throw new NotDirectoryException(dir.toString());
        });
        assertThat(counter.count(replaced)).isEqualTo(new FileCount.Failed(replaced + " is not a directory"));
    }

    @Test
    void anIoErrorOpeningADirectoryFailsTheCountWithTheError() throws IOException {
        Path dir = Files.createDirectory(root.resolve("stale"));
        FileCounter counter = new FileCounter(CountMode.ENTRIES, false, d -> {
            throw new IOException("Stale file handle");
        });
        assertThat(counter.count(dir))
                .isEqualTo(new FileCount.Failed("reading " + dir + " failed: java.io.IOException: Stale file handle"));
    }

    @Test
    void anIoErrorWhileListingNamesTheUnderlyingErrorNotItsWrapper() throws IOException {
        Path dir = Files.createDirectory(root.resolve("stale"));
        FileCounter counter = new FileCounter(CountMode.ENTRIES, false, d -> new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        throw new DirectoryIteratorException(new IOException("Stale file handle"));
                    }

                    @Override
                    public Path next() {
                        throw new NoSuchElementException();
                    }
                };
            }

            @Override
            public void close() {
            }
        });
        assertThat(counter.count(dir))
                .isEqualTo(new FileCount.Failed("reading " + dir + " failed: java.io.IOException: Stale file handle"));
    }

    @Test
    void aLimitOfZeroIsAllowedAndPassedByTheFirstName() throws IOException {
        dev.costguard.core.fakes.FakeTime time = new dev.costguard.core.fakes.FakeTime();
        FileCounter counter = new FileCounter(CountMode.ENTRIES, false);

        assertThat(counter.count(root, 0, dev.costguard.core.time.Deadline.unbounded(time)))
                .isEqualTo(new FileCount.Counted(0));
        files(1);
        assertThat(counter.count(root, 0, dev.costguard.core.time.Deadline.unbounded(time)))
                .isEqualTo(new FileCount.MoreThan(0));
        assertThatThrownBy(() -> counter.count(root, -1, dev.costguard.core.time.Deadline.unbounded(time)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the count cannot stop above a negative number: -1");
    }

    // ---- early stop and the run's deadline -----------------------------------------------------------------

    /** Opens directories as usual, counting the names the counter read and advancing fake time for each. */
    private static final class MeteredOpener implements FileCounter.DirectoryOpener {
        private final dev.costguard.core.fakes.FakeTime time;
        private final java.time.Duration perEntry;
        private int read;

        MeteredOpener(dev.costguard.core.fakes.FakeTime time, java.time.Duration perEntry) {
            this.time = time;
            this.perEntry = perEntry;
        }

        @Override
        public java.nio.file.DirectoryStream<Path> open(Path directory) throws IOException {
            java.nio.file.DirectoryStream<Path> real = Files.newDirectoryStream(directory);
            return new java.nio.file.DirectoryStream<>() {
                @Override
                public java.util.Iterator<Path> iterator() {
                    java.util.Iterator<Path> names = real.iterator();
                    return new java.util.Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return names.hasNext();
                        }

                        @Override
                        public Path next() {
                            read++;
                            time.advance(perEntry);
                            return names.next();
                        }
                    };
                }

                @Override
                public void close() throws IOException {
                    real.close();
                }
            };
        }
    }

    private void files(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            Files.createFile(root.resolve("f" + i));
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(CountMode.class)
    void stopsAsSoonAsTheCountPassesTheLimitWithoutReadingTheRest(CountMode mode) throws IOException {
        files(50);
        dev.costguard.core.fakes.FakeTime time = new dev.costguard.core.fakes.FakeTime();
        MeteredOpener opener = new MeteredOpener(time, java.time.Duration.ZERO);

        FileCount count = new FileCounter(mode, false, opener).count(root, 10, dev.costguard.core.time.Deadline.unbounded(time));

        assertThat(count).isEqualTo(new FileCount.MoreThan(10));
        assertThat(opener.read).as("names read before stopping").isEqualTo(11);
    }

    @Test
    void atOrBelowTheLimitTheCountIsExact() throws IOException {
        files(10);
        dev.costguard.core.fakes.FakeTime time = new dev.costguard.core.fakes.FakeTime();

        assertThat(new FileCounter(CountMode.ENTRIES, false).count(root, 10, dev.costguard.core.time.Deadline.unbounded(time)))
                .isEqualTo(new FileCount.Counted(10));
        assertThat(new FileCounter(CountMode.ENTRIES, true).count(root, 9, dev.costguard.core.time.Deadline.unbounded(time)))
                .isEqualTo(new FileCount.MoreThan(9));
    }

    @Test
    void aCountThatReachesTheDeadlineStopsWithWhatItCountedSoFar() throws IOException {
        files(50);
        dev.costguard.core.fakes.FakeTime time = new dev.costguard.core.fakes.FakeTime();
        // Each name costs a second (an NFS round trip on a bad day); the deadline leaves 20 s.
        MeteredOpener opener = new MeteredOpener(time, java.time.Duration.ofSeconds(1));
        dev.costguard.core.time.Deadline deadline = dev.costguard.core.time.Deadline.fromRemaining(time,
                java.time.Duration.ofSeconds(25), java.time.Duration.ofSeconds(5));

        FileCount count = new FileCounter(CountMode.REGULAR_FILES, false, opener).count(root, 1_000, deadline);

        assertThat(count).isEqualTo(new FileCount.OutOfTime(20));
        assertThat(opener.read).isEqualTo(20);
        assertThat(deadline.expired()).isTrue();
    }

    @Test
    void aDeadlineAlreadyPassedCountsNothing() throws IOException {
        files(3);
        dev.costguard.core.fakes.FakeTime time = new dev.costguard.core.fakes.FakeTime();
        dev.costguard.core.time.Deadline deadline = dev.costguard.core.time.Deadline.fromRemaining(time,
                java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5));

        assertThat(new FileCounter(CountMode.ENTRIES, false).count(root, 1_000, deadline))
                .isEqualTo(new FileCount.OutOfTime(0));
    }
}
