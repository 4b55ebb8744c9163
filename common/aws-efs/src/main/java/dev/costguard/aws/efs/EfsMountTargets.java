package dev.costguard.aws.efs;

import dev.costguard.aws.AwsCall;
import dev.costguard.core.efs.EfsFileSystem;
import dev.costguard.core.efs.MountTarget;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.MountTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.CreateMountTargetResponse;
import software.amazon.awssdk.services.efs.model.FileSystemDescription;
import software.amazon.awssdk.services.efs.model.MountTargetDescription;
import software.amazon.awssdk.services.efs.model.MountTargetNotFoundException;

/**
 * EFS mount targets through DescribeMountTargets (every page) and CreateMountTarget, and the file system itself
 * through DescribeFileSystems. EFS's refusals
 * (MountTargetConflict, NoFreeAddressesInSubnet, SubnetNotFound, IpAddressInUse, NetworkInterfaceLimitExceeded,
 * SecurityGroupLimitExceeded, FileSystemNotFound, IncorrectFileSystemLifeCycleState, ...) reach the flow as a
 * CloudOperationException whose error code is EFS's own.
 */
@ApplicationScoped
public class EfsMountTargets implements MountTargets {

    private final EfsClient efs;

    @Inject
    public EfsMountTargets(EfsClient efs) {
        this.efs = efs;
    }

    @Override
    public EfsFileSystem fileSystem(String fileSystemId) {
        FileSystemDescription found = AwsCall.run("DescribeFileSystems", fileSystemId,
                () -> efs.describeFileSystems(r -> r.fileSystemId(fileSystemId)).fileSystems().stream()
                        .filter(f -> fileSystemId.equals(f.fileSystemId())).findFirst().orElse(null));
        if (found == null) {
            throw new CloudOperationException("DescribeFileSystems", "FileSystemNotFound", 404,
                    "DescribeFileSystems " + fileSystemId + " answered without that file system", null);
        }
        // AvailabilityZoneName is set only for One Zone storage; Regional file systems leave it out.
        return new EfsFileSystem(found.fileSystemId(), found.lifeCycleStateAsString(),
                Optional.ofNullable(found.availabilityZoneName()));
    }

    @Override
    public List<MountTarget> list(String fileSystemId) {
        return AwsCall.run("DescribeMountTargets", fileSystemId, () -> {
            List<MountTarget> found = new ArrayList<>();
            for (MountTargetDescription target : efs.describeMountTargetsPaginator(r -> r.fileSystemId(fileSystemId))
                    .mountTargets()) {
                found.add(toMountTarget(target));
            }
            return found;
        });
    }

    @Override
    public MountTarget create(String fileSystemId, String subnetId, List<String> securityGroups) {
        CreateMountTargetResponse created = AwsCall.run("CreateMountTarget", fileSystemId + " in " + subnetId,
                () -> efs.createMountTarget(r -> r.fileSystemId(fileSystemId).subnetId(subnetId)
                        .securityGroups(securityGroups)));
        return new MountTarget(created.mountTargetId(), created.availabilityZoneName(), created.subnetId(),
                created.ipAddress(), created.lifeCycleStateAsString());
    }

    @Override
    public Optional<MountTarget> find(String mountTargetId) {
        return AwsCall.run("DescribeMountTargets", mountTargetId, () -> {
            try {
                return efs.describeMountTargets(r -> r.mountTargetId(mountTargetId)).mountTargets().stream()
                        .findFirst().map(EfsMountTargets::toMountTarget);
            } catch (MountTargetNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    private static MountTarget toMountTarget(MountTargetDescription target) {
        return new MountTarget(target.mountTargetId(), target.availabilityZoneName(), target.subnetId(),
                target.ipAddress(), target.lifeCycleStateAsString());
    }
}
