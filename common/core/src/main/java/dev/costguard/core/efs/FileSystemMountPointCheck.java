package dev.costguard.core.efs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks a mount point on the real file system: it exists, is a directory, is readable and writable, and (when a
 * file-system type is required, "nfs4" for EFS) really is that mount. The last check matters: an empty directory
 * left where a mount failed would take writes into the container's own disk, where no other task sees them.
 */
public final class FileSystemMountPointCheck implements MountPointCheck {

    private final Optional<String> requiredType;

    public FileSystemMountPointCheck(Optional<String> requiredType) {
        this.requiredType = requiredType;
    }

    @Override
    public Optional<String> problem(Path mountPoint) {
        if (!Files.exists(mountPoint)) {
            return Optional.of("does not exist");
        }
        if (!Files.isDirectory(mountPoint)) {
            return Optional.of("is not a directory");
        }
        if (!Files.isReadable(mountPoint)) {
            return Optional.of("is not readable");
        }
        if (!Files.isWritable(mountPoint)) {
            return Optional.of("is not writable");
        }
        if (requiredType.isPresent()) {
            try {
                String type = Files.getFileStore(mountPoint).type();
                if (!requiredType.get().equals(type)) {
                    return Optional.of("is a " + type + " file system, not " + requiredType.get()
                            + " (the mount is missing)");
                }
            } catch (IOException e) {
                return Optional.of("file system cannot be read: " + e.getMessage());
            }
        }
        return Optional.empty();
    }
}
