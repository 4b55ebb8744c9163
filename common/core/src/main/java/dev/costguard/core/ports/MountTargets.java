package dev.costguard.core.ports;

import dev.costguard.core.efs.EfsFileSystem;
import dev.costguard.core.efs.MountTarget;
import java.util.List;
import java.util.Optional;

/** EFS mount targets of a file system: listing them, creating one, and reading one back while it is created. */
public interface MountTargets {

    /**
     * The file system itself (DescribeFileSystems): its state and, for One Zone storage, its zone. A file system EFS
     * does not know is a {@link CloudOperationException} (FileSystemNotFound).
     */
    EfsFileSystem fileSystem(String fileSystemId);

    /** Every mount target of the file system, whatever its state (DescribeMountTargets, all pages). */
    List<MountTarget> list(String fileSystemId);

    /**
     * Asks EFS for a mount target in this subnet (CreateMountTarget); EFS answers at once with the target in state
     * {@code creating}. A refusal (MountTargetConflict, NoFreeAddressesInSubnet, ...) is a
     * {@link CloudOperationException} carrying EFS's error code.
     */
    MountTarget create(String fileSystemId, String subnetId, List<String> securityGroups);

    /** The mount target now, or empty when EFS no longer knows it (MountTargetNotFound). */
    Optional<MountTarget> find(String mountTargetId);
}
