package dev.costguard.core.efs;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * A file path as the router hashes it: relative to the file system's root, normalised ("a/./b", "/a/b" and
 * "a\b" are the same file, so they must land on the same mount point), and never leaving the mount point. The
 * path is normalised first (both separators, "." and "..", a leading separator) and checked once afterwards, so
 * no later step can turn an accepted path into one that escapes; {@link #under} checks the joined path again.
 */
final class RoutedPath {

    /** "C:", "c:\x", "D:x": a Windows drive, which would make the path absolute on that platform. */
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);

    private RoutedPath() {
    }

    static String of(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("the file path is empty");
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the file path contains a NUL character");
        }
        if (DRIVE.matcher(path).matches()) {
            throw new IllegalArgumentException("'" + path + "' names a drive; give a path relative to the file system");
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new IllegalArgumentException("'" + path + "' leaves the mount point through '..'");
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("'" + path + "' names the mount point itself, not a file");
        }
        return String.join("/", segments);
    }

    /** The file under its mount point; the last guard: whatever the platform makes of the name, it stays inside. */
    static Path under(Path mountPoint, String relative, String asGiven) {
        Path base = mountPoint.toAbsolutePath().normalize();
        Path full = base.resolve(relative).normalize();
        if (!full.startsWith(base) || full.equals(base)) {
            throw new IllegalArgumentException("'" + asGiven + "' leaves the mount point " + mountPoint);
        }
        return mountPoint.resolve(relative);
    }
}
