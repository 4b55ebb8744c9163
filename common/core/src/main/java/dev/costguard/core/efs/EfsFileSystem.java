package dev.costguard.core.efs;

import java.util.Objects;
import java.util.Optional;

/**
 * What the scaler needs to know of a file system before it adds a mount target: its state, and for One Zone
 * storage the one Availability Zone it lives in (EFS allows a One Zone file system a single mount target, there).
 */
public record EfsFileSystem(String fileSystemId, String lifeCycleState, Optional<String> availabilityZoneName) {

    public EfsFileSystem {
        Objects.requireNonNull(fileSystemId, "fileSystemId");
        Objects.requireNonNull(lifeCycleState, "lifeCycleState");
        Objects.requireNonNull(availabilityZoneName, "availabilityZoneName");
    }

    public boolean oneZone() {
        return availabilityZoneName.isPresent();
    }
}
