package dev.costguard.core.efs;

import dev.costguard.core.time.Deadline;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Counts the files of a directory by streaming it ({@link Files#newDirectoryStream}), so memory stays flat
 * whether it holds ten names or ten million. Non-recursive by default; recursive walks subdirectories without
 * following symbolic links (so a link loop cannot count forever) and with an explicit queue, not the call stack.
 */
public final class FileCounter {

    /** How a directory is opened; tests substitute failures the file system of a root-run CI cannot produce. */
    @FunctionalInterface
    interface DirectoryOpener {
        DirectoryStream<Path> open(Path directory) throws IOException;
    }

    private final CountMode mode;
    private final boolean recursive;
    private final DirectoryOpener opener;

    public FileCounter(CountMode mode, boolean recursive) {
        this(mode, recursive, Files::newDirectoryStream);
    }

    FileCounter(CountMode mode, boolean recursive, DirectoryOpener opener) {
        this.mode = mode;
        this.recursive = recursive;
        this.opener = opener;
    }

    /** Counts every entry, however long it takes (a baseline for benchmarks; a run uses the bounded count). */
    public FileCount count(Path directory) {
        return count(directory, Long.MAX_VALUE, Deadline.unbounded(Clock.systemUTC()));
    }

    /**
     * Counts until the count passes {@code stopAbove} ({@link FileCount.MoreThan}: a threshold needs no more) or the
     * deadline passes ({@link FileCount.OutOfTime} with the count so far). On NFS every name read can be a round trip,
     * so the directory that needs the scaler is exactly the one whose full count would outlive the Lambda.
     */
    public FileCount count(Path directory, long stopAbove, Deadline deadline) {
        if (stopAbove < 0) {
            throw new IllegalArgumentException("the count cannot stop above a negative number: " + stopAbove);
        }
        if (!Files.exists(directory)) {
            return new FileCount.Failed(directory + " does not exist");
        }
        if (!Files.isDirectory(directory)) {
            return new FileCount.Failed(directory + " is not a directory");
        }
        Deque<Path> pending = new ArrayDeque<>();
        pending.add(directory);
        long total = 0;
        while (!pending.isEmpty()) {
            if (deadline.expired()) {
                return new FileCount.OutOfTime(total);
            }
            Path current = pending.poll();
            try (DirectoryStream<Path> entries = opener.open(current)) {
                for (Path entry : entries) {
                    total += countEntry(entry, pending);
                    if (total > stopAbove) {
                        return new FileCount.MoreThan(stopAbove);
                    }
                    if (deadline.expired()) {
                        return new FileCount.OutOfTime(total);
                    }
                }
            } catch (AccessDeniedException e) {
                return new FileCount.Failed(current + " is not readable (permission denied)");
            } catch (NoSuchFileException e) {
                if (current.equals(directory)) {
                    return new FileCount.Failed(directory + " does not exist");
                }
                // A subdirectory removed while we walked: its files are gone, nothing to count.
            } catch (NotDirectoryException e) {
                return new FileCount.Failed(current + " is not a directory");
            } catch (IOException | DirectoryIteratorException e) {
                Throwable cause = e instanceof DirectoryIteratorException d ? d.getCause() : e;
                return new FileCount.Failed("reading " + current + " failed: " + cause);
            }
        }
        return new FileCount.Counted(total);
    }

    private long countEntry(Path entry, Deque<Path> pending) throws IOException {
        if (mode == CountMode.ENTRIES && !recursive) {
            return 1;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            // Deleted between the listing and the stat: it is no longer there to count.
            return 0;
        }
        if (recursive && attributes.isDirectory()) {
            pending.add(entry);
        }
        return mode == CountMode.ENTRIES || attributes.isRegularFile() ? 1 : 0;
    }
}
