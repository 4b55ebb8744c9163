package dev.costguard.core.efs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes files through the router (req 11.2 of the seed's tasks): the caller names a path relative to
 * the file system, the router picks the mount point.
 */
public final class EfsFiles {

    private final EfsPathRouter router;

    public EfsFiles(EfsPathRouter router) {
        this.router = router;
    }

    public byte[] read(String path) throws IOException {
        return Files.readAllBytes(router.resolve(path));
    }

    /**
     * Writes the whole file: into a temporary sibling first, then renamed over the target, so a reader on another
     * task (through another mount point of the same file system) sees the old or the new content, never half.
     */
    public Path write(String path, byte[] content) throws IOException {
        Path target = router.resolve(path);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, "." + target.getFileName(), ".partial");
        try {
            Files.write(partial, content);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }

    public EfsPathRouter router() {
        return router;
    }
}
