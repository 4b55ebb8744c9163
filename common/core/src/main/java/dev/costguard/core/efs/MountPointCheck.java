package dev.costguard.core.efs;

import java.nio.file.Path;
import java.util.Optional;

/** Whether a mount point can take reads and writes now; a port so tests can fake broken mounts. */
@FunctionalInterface
public interface MountPointCheck {

    /** Empty when usable; otherwise why not ("does not exist", "not writable", ...). */
    Optional<String> problem(Path mountPoint);
}
