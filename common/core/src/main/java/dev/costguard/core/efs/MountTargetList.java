package dev.costguard.core.efs;

import java.util.Comparator;
import java.util.List;

/**
 * The mount targets of one file system, in a stable order (by Availability Zone, then id) so the same targets
 * always give the same document and "did the list change" is a plain equality.
 */
public record MountTargetList(String fileSystemId, List<MountTarget> mountTargets) {

    private static final Comparator<MountTarget> ORDER =
            Comparator.comparing(MountTarget::availabilityZone).thenComparing(MountTarget::mountTargetId);

    public MountTargetList {
        mountTargets = mountTargets.stream().sorted(ORDER).toList();
    }

    public List<MountTarget> available() {
        return mountTargets.stream().filter(MountTarget::available).toList();
    }

    public boolean isEmpty() {
        return mountTargets.isEmpty();
    }

    public String describe() {
        return mountTargets.isEmpty() ? "no mount targets"
                : String.join(", ", mountTargets.stream().map(MountTarget::describe).toList());
    }
}
