package dev.costguard.core.efs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
