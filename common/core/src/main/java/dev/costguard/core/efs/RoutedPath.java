package dev.costguard.core.efs;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A file path as the router hashes it: relative to the file system's root, normalised ("a/./b" and "/a/b" are
 * the same file, so they must land on the same mount point), and never leaving the mount point through "..".
 */
final class RoutedPath {

    private RoutedPath() {
    }

    static String of(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("the file path is empty");
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the file path contains a NUL character");
        }
        String trimmed = path.replaceFirst("^/+", "");
        Path normalised;
        try {
            normalised = Path.of(trimmed).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + path + "' is not a file path: " + e.getReason());
        }
        String text = normalised.toString().replace('\\', '/');
        if (text.equals("..") || text.startsWith("../")) {
            throw new IllegalArgumentException("'" + path + "' leaves the mount point through '..'");
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("'" + path + "' names the mount point itself, not a file");
        }
        return text;
    }
}
