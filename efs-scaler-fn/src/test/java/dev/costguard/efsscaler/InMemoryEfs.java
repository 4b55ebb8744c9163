package dev.costguard.efsscaler;

import dev.costguard.core.efs.MountTarget;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.MountTargets;
import dev.costguard.core.ports.Subnets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One file system and its VPC in memory, with EFS's rules: one mount target per Availability Zone
 * (MountTargetConflict), a new target is `creating` for a set number of looks before it is available, and
 * CreateMountTarget can be refused with any EFS error code.
 */
final class InMemoryEfs implements MountTargets, Subnets {

    private final String fileSystemId;
    private final String vpcId;
    private final List<Subnet> subnets = new ArrayList<>();
    private final Map<String, MountTarget> targets = new LinkedHashMap<>();
    /** How many more DescribeMountTargets answers a target stays `creating` for. */
    private final Map<String, Integer> creatingFor = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private int looksUntilAvailable = 2;
    private String refuseCreateWith;
    private int created;

    InMemoryEfs(String fileSystemId, String vpcId) {
        this.fileSystemId = fileSystemId;
        this.vpcId = vpcId;
    }

    InMemoryEfs withSubnet(String subnetId, String zone, int freeIps) {
        subnets.add(new Subnet(subnetId, zone, freeIps));
        return this;
    }

    InMemoryEfs withTarget(String id, String zone, String state) {
        String subnet = subnets.stream().filter(s -> s.availabilityZone().equals(zone)).findFirst()
                .map(Subnet::subnetId).orElse("subnet-" + zone);
        targets.put(id, new MountTarget(id, zone, subnet, "10.0." + targets.size() + ".10", state));
        return this;
    }

    /** A new (or `creating`) target becomes available after this many looks; a big number means never in time. */
    InMemoryEfs availableAfter(int looks) {
        looksUntilAvailable = looks;
        targets.values().stream().filter(MountTarget::creating)
                .forEach(t -> creatingFor.put(t.mountTargetId(), looks));
        return this;
    }

    InMemoryEfs refusingCreateWith(String errorCode) {
        refuseCreateWith = errorCode;
        return this;
    }

    List<String> calls() {
        return List.copyOf(calls);
    }

    int created() {
        return created;
    }

    List<MountTarget> targets() {
        return List.copyOf(targets.values());
    }

    @Override
    public List<MountTarget> list(String fileSystemId) {
        calls.add("DescribeMountTargets " + fileSystemId);
        requireFileSystem(fileSystemId);
        List<MountTarget> seen = new ArrayList<>();
        for (String id : List.copyOf(targets.keySet())) {
            seen.add(look(id));
        }
        return seen;
    }

    @Override
    public MountTarget create(String fileSystemId, String subnetId, List<String> securityGroups) {
        calls.add("CreateMountTarget " + subnetId);
        requireFileSystem(fileSystemId);
        if (refuseCreateWith != null) {
            throw new CloudOperationException("CreateMountTarget", refuseCreateWith, 409,
                    "CreateMountTarget " + fileSystemId + " in " + subnetId + " failed: " + refuseCreateWith
                            + " (HTTP 409)", null);
        }
        Subnet subnet = subnets.stream().filter(s -> s.subnetId().equals(subnetId)).findFirst()
                .orElseThrow(() -> new CloudOperationException("CreateMountTarget", "SubnetNotFound", 400,
                        "CreateMountTarget failed: SubnetNotFound", null));
        boolean zoneTaken = targets.values().stream()
                .anyMatch(t -> t.availabilityZone().equals(subnet.availabilityZone()) && !"deleted".equals(t.lifeCycleState()));
        if (zoneTaken) {
            throw new CloudOperationException("CreateMountTarget", "MountTargetConflict", 409,
                    "CreateMountTarget " + fileSystemId + " in " + subnetId + " failed: MountTargetConflict (HTTP 409)",
                    null);
        }
        String id = "fsmt-new" + (++created);
        MountTarget target = new MountTarget(id, subnet.availabilityZone(), subnetId, null, "creating");
        targets.put(id, target);
        creatingFor.put(id, looksUntilAvailable);
        return target;
    }

    @Override
    public Optional<MountTarget> find(String mountTargetId) {
        calls.add("DescribeMountTargets " + mountTargetId);
        return targets.containsKey(mountTargetId) ? Optional.of(look(mountTargetId)) : Optional.empty();
    }

    @Override
    public List<Subnet> inVpc(String vpcId) {
        calls.add("DescribeSubnets " + vpcId);
        return vpcId.equals(this.vpcId) ? List.copyOf(subnets) : List.of();
    }

    /** Every answer about a creating target brings it one look closer to available. */
    private MountTarget look(String id) {
        MountTarget target = targets.get(id);
        if (target.creating() && creatingFor.containsKey(id)) {
            int left = creatingFor.get(id);
            if (left <= 0) {
                target = new MountTarget(id, target.availabilityZone(), target.subnetId(),
                        "10.0.9." + (10 + targets.size()), "available");
                targets.put(id, target);
                creatingFor.remove(id);
            } else {
                creatingFor.put(id, left - 1);
            }
        }
        return target;
    }

    private void requireFileSystem(String id) {
        if (!id.equals(fileSystemId)) {
            throw new CloudOperationException("DescribeMountTargets", "FileSystemNotFound", 404,
                    "FileSystemNotFound " + id, null);
        }
    }
}
