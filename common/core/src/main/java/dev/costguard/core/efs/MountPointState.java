package dev.costguard.core.efs;

import java.nio.file.Path;
import java.util.Optional;

/** One mount point as the router found it when it was built. */
public record MountPointState(Path path, Optional<String> problem) {

    public boolean healthy() {
        return problem.isEmpty();
    }
}
