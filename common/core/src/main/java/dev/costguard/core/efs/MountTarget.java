package dev.costguard.core.efs;

import java.util.Objects;

/**
 * One EFS mount target as the scaler publishes it and the router reads it: the data model of the SSM list.
 * {@code lifeCycleState} is EFS's own word (creating, available, updating, deleting, deleted, error).
 */
public record MountTarget(String mountTargetId, String availabilityZone, String subnetId, String ipAddress,
        String lifeCycleState) {

    public static final String AVAILABLE = "available";
    public static final String CREATING = "creating";

    public MountTarget {
        Objects.requireNonNull(mountTargetId, "mountTargetId");
        Objects.requireNonNull(availabilityZone, "availabilityZone");
        Objects.requireNonNull(subnetId, "subnetId");
        Objects.requireNonNull(lifeCycleState, "lifeCycleState");
    }

    public boolean available() {
        return AVAILABLE.equals(lifeCycleState);
    }

    public boolean creating() {
        return CREATING.equals(lifeCycleState);
    }

    public MountTarget withState(String state) {
        return new MountTarget(mountTargetId, availabilityZone, subnetId, ipAddress, state);
    }

    /** "fsmt-0a1 in ap-northeast-1a (subnet-0c3, 10.0.1.12, available)" for reports. */
    public String describe() {
        return mountTargetId + " in " + availabilityZone + " (" + subnetId
                + (ipAddress == null ? "" : ", " + ipAddress) + ", " + lifeCycleState + ")";
    }
}
