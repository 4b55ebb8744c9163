package dev.costguard.efsscaler;

import dev.costguard.core.efs.EfsFileSystem;
import dev.costguard.core.efs.MountTarget;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.MountTargets;
import dev.costguard.core.ports.Subnets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One file system and its VPC in memory, with EFS's rules: one mount target per Availability Zone
 * (MountTargetConflict), a new target is `creating` for a set number of looks before it is available (or, when
 * told, goes to `error`), CreateMountTarget can be refused with any EFS error code (for every zone, one zone or one
 * subnet), the file system can be One Zone, and a zone can be a Local Zone. It also keeps, apart from what it
 * refuses, every CreateMountTarget the caller should never have made: in a zone already held, or while a target is
 * creating.
 */
final class InMemoryEfs implements MountTargets, Subnets {

    private final String fileSystemId;
    private final String vpcId;
    private final List<Subnet> subnets = new ArrayList<>();
    private final Map<String, MountTarget> targets = new LinkedHashMap<>();
    /** How many more DescribeMountTargets answers a target stays `creating` for. */
    private final Map<String, Integer> creatingFor = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final Map<String, String> zoneTypes = new HashMap<>();
    private final Map<String, String> refuseInZone = new HashMap<>();
    private final Map<String, String> refuseInSubnet = new HashMap<>();
    private final List<String> mistakes = new ArrayList<>();
    private int looksUntilAvailable = 2;
    private String refuseCreateWith;
    private String oneZone;
    private boolean newTargetsFail;
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

    /** A zone of another type ("local-zone", "wavelength-zone"); every other zone is a regular one. */
    InMemoryEfs withZoneType(String zone, String type) {
        zoneTypes.put(zone, type);
        return this;
    }

    /** EFS refuses a mount target in this zone with the code (UnsupportedAvailabilityZone, ...). */
    InMemoryEfs refusingCreateIn(String zone, String errorCode) {
        refuseInZone.put(zone, errorCode);
        return this;
    }

    /** EFS refuses a mount target in this one subnet with the code (NoFreeAddressesInSubnet, ...). */
    InMemoryEfs refusingCreateInSubnet(String subnetId, String errorCode) {
        refuseInSubnet.put(subnetId, errorCode);
        return this;
    }

    /** The file system is One Zone storage in this zone. */
    InMemoryEfs oneZoneIn(String zone) {
        oneZone = zone;
        return this;
    }

    /** A new target fails asynchronously: when it would have become available it goes to `error`. */
    InMemoryEfs newTargetsFail() {
        newTargetsFail = true;
        return this;
    }

    /** The CreateMountTarget calls that should never have been made, each with why. */
    List<String> mistakes() {
        return List.copyOf(mistakes);
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
    public EfsFileSystem fileSystem(String fileSystemId) {
        calls.add("DescribeFileSystems " + fileSystemId);
        requireFileSystem(fileSystemId);
        return new EfsFileSystem(fileSystemId, "available", Optional.ofNullable(oneZone));
    }

    @Override
    public Map<String, String> zoneTypes(Collection<String> zoneNames) {
        calls.add("DescribeAvailabilityZones " + String.join(",", zoneNames));
        Map<String, String> types = new LinkedHashMap<>();
        zoneNames.forEach(zone -> types.put(zone, zoneTypes.getOrDefault(zone, AVAILABILITY_ZONE)));
        return types;
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
        subnets.stream().filter(s -> s.subnetId().equals(subnetId)).findFirst().ifPresent(s -> {
            targets.values().stream().filter(t -> t.availabilityZone().equals(s.availabilityZone())
                    && !"deleted".equals(t.lifeCycleState())).findFirst().ifPresent(t -> mistakes.add("CreateMountTarget "
                            + subnetId + " while " + t.mountTargetId() + " is " + t.lifeCycleState() + " in " + s.availabilityZone()));
            targets.values().stream().filter(MountTarget::creating).findFirst().ifPresent(t -> mistakes.add(
                    "CreateMountTarget " + subnetId + " while " + t.mountTargetId() + " is creating"));
        });
        if (oneZone != null && !targets.isEmpty()) {
            // What EFS answers a second mount target of a One Zone file system.
            throw new CloudOperationException("CreateMountTarget", "AvailabilityZonesMismatch", 400,
                    "CreateMountTarget " + fileSystemId + " in " + subnetId + " failed: AvailabilityZonesMismatch (HTTP 400)", null);
        }
        String zone = subnets.stream().filter(s -> s.subnetId().equals(subnetId)).findFirst()
                .map(Subnet::availabilityZone).orElse("");
        if (refuseInZone.containsKey(zone)) {
            String code = refuseInZone.get(zone);
            throw new CloudOperationException("CreateMountTarget", code, 400, "CreateMountTarget " + fileSystemId
                    + " in " + subnetId + " failed: " + code + " (HTTP 400)", null);
        }
        if (refuseInSubnet.containsKey(subnetId)) {
            String code = refuseInSubnet.get(subnetId);
            throw new CloudOperationException("CreateMountTarget", code, 400, "CreateMountTarget " + fileSystemId
                    + " in " + subnetId + " failed: " + code + " (HTTP 400)", null);
        }
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
                        "10.0.9." + (10 + targets.size()), newTargetsFail ? "error" : "available");
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
