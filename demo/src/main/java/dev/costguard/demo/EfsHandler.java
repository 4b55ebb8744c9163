package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EFS over REST-JSON (/2015-02-01/...): DescribeFileSystems by id, DescribeMountTargets by file system or by id,
 * with Marker paging, and CreateMountTarget with EFS's rules (one target per Availability Zone, a subnet in the file
 * system's VPC, at most five security groups, a free address, one target in its own zone for One Zone storage). A
 * new target is `creating` for a few describes, then `available`; scripted faults (see {@link FaultsHandler}) make
 * new targets end in `error`, hold them in `creating`, turn the file system into One Zone storage, or refuse a zone.
 */
final class EfsHandler implements ServiceHandler {

    static final String PATH_PREFIX = "/2015-02-01/";
    static final String MOUNT_TARGETS = PATH_PREFIX + "mount-targets";
    static final String FILE_SYSTEMS = PATH_PREFIX + "file-systems";
    /** Small pages, so clients that forget NextMarker are caught. */
    static final int PAGE_SIZE = 2;

    private final AccountState account;

    EfsHandler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "efs";
    }

    @Override
    public List<String> operations() {
        return List.of("DescribeFileSystems", "DescribeMountTargets", "CreateMountTarget");
    }

    @Override
    public String operation(AwsRequest request) {
        if (request.path().equals(FILE_SYSTEMS) && request.method().equals("GET")) {
            return "DescribeFileSystems";
        }
        if (request.path().equals(MOUNT_TARGETS)) {
            return switch (request.method()) {
                case "GET" -> "DescribeMountTargets";
                case "POST" -> "CreateMountTarget";
                default -> "?";
            };
        }
        return "?";
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        String operation = operation(request);
        if (operation.equals("DescribeFileSystems")) {
            log.operation(operation);
            return AwsResponse.json(200, describeFileSystems(request.query(), log));
        }
        if (operation.equals("DescribeMountTargets")) {
            log.operation(operation);
            return AwsResponse.json(200, describe(request.query(), log));
        }
        if (operation.equals("CreateMountTarget")) {
            log.operation(operation);
            return AwsResponse.json(200, create(request.json(), log));
        }
        log.operation(request.method() + " " + request.path());
        throw AwsError.client("BadRequest", "The fake account implements only DescribeFileSystems, DescribeMountTargets "
                + "and CreateMountTarget of EFS, not " + request.method() + " " + request.path());
    }

    /** EFS names the error in a header and again in the body's ErrorCode. */
    @Override
    public AwsResponse error(AwsError error) {
        return AwsResponse.json(error.status(), Json.object().put("ErrorCode", error.code())
                .put("Message", error.getMessage())).withHeader("x-amzn-ErrorType", error.code());
    }

    /** By id only (the scaler's one use); AvailabilityZoneName is there for One Zone storage, as in EFS. */
    private ObjectNode describeFileSystems(Map<String, String> query, CallLog log) {
        String fileSystemId = query.get("FileSystemId");
        if (fileSystemId == null) {
            throw AwsError.client("BadRequest", "The fake account describes file systems by FileSystemId only");
        }
        log.subject(fileSystemId);
        requireFileSystem(fileSystemId);
        AccountState.FileSystem fileSystem = account.fileSystems.get(fileSystemId);
        long targets = account.mountTargets.values().stream().filter(t -> t.fileSystemId.equals(fileSystemId)).count();
        ObjectNode out = Json.object();
        ObjectNode described = out.putArray("FileSystems").addObject()
                .put("OwnerId", AccountState.ACCOUNT_ID)
                .put("CreationToken", "cost-guard-demo")
                .put("FileSystemId", fileSystemId)
                .put("FileSystemArn", "arn:aws:elasticfilesystem:" + AccountState.REGION + ":" + AccountState.ACCOUNT_ID
                        + ":file-system/" + fileSystemId)
                .put("CreationTime", fileSystem.createdAt.getEpochSecond())
                .put("LifeCycleState", "available")
                .put("NumberOfMountTargets", targets)
                .put("PerformanceMode", "generalPurpose")
                .put("ThroughputMode", "elastic")
                .put("Encrypted", true);
        described.putObject("SizeInBytes").put("Value", 6144);
        described.putArray("Tags");
        if (fileSystem.oneZone != null) {
            described.put("AvailabilityZoneName", fileSystem.oneZone)
                    .put("AvailabilityZoneId", zoneId(fileSystem.oneZone));
        }
        log.detail(fileSystem.oneZone == null ? "Regional" : "One Zone in " + fileSystem.oneZone);
        return out;
    }

    private ObjectNode describe(Map<String, String> query, CallLog log) {
        String fileSystemId = query.get("FileSystemId");
        String mountTargetId = query.get("MountTargetId");
        if ((fileSystemId == null) == (mountTargetId == null)) {
            throw AwsError.client("BadRequest", "Exactly one of FileSystemId and MountTargetId is required");
        }
        List<AccountState.MountTarget> selected = new ArrayList<>();
        if (mountTargetId != null) {
            log.subject(mountTargetId);
            AccountState.MountTarget target = account.mountTargets.get(mountTargetId);
            if (target == null) {
                throw AwsError.notFound("MountTargetNotFound", "Mount target '" + mountTargetId + "' does not exist.");
            }
            selected.add(target);
        } else {
            log.subject(fileSystemId);
            requireFileSystem(fileSystemId);
            account.mountTargets.values().stream().filter(t -> t.fileSystemId.equals(fileSystemId)).forEach(selected::add);
        }
        int from = query.containsKey("Marker") ? parseMarker(query.get("Marker")) : 0;
        List<AccountState.MountTarget> page = selected.subList(Math.min(from, selected.size()),
                Math.min(from + PAGE_SIZE, selected.size()));
        ObjectNode out = Json.object();
        if (query.containsKey("Marker")) {
            out.put("Marker", query.get("Marker"));
        }
        ArrayNode targets = out.putArray("MountTargets");
        List<String> states = new ArrayList<>();
        for (AccountState.MountTarget target : page) {
            look(target, account.fileSystems.get(target.fileSystemId));
            targets.add(json(target));
            states.add(target.id + "=" + target.state);
        }
        if (from + PAGE_SIZE < selected.size()) {
            out.put("NextMarker", "page-" + (from + PAGE_SIZE));
        }
        log.detail(String.join(" ", states));
        return out;
    }

    private ObjectNode create(JsonNode body, CallLog log) {
        String fileSystemId = Json.required(body, "FileSystemId");
        String subnetId = Json.required(body, "SubnetId");
        log.subject(fileSystemId + " " + subnetId);
        requireFileSystem(fileSystemId);
        AccountState.Subnet subnet = account.subnets.get(subnetId);
        if (subnet == null) {
            throw AwsError.client("SubnetNotFound", "The subnet ID '" + subnetId + "' does not exist");
        }
        List<String> groups = new ArrayList<>();
        body.path("SecurityGroups").forEach(g -> groups.add(g.asText()));
        if (groups.size() > 5) {
            throw AwsError.client("SecurityGroupLimitExceeded", "A mount target can have at most 5 security groups.");
        }
        List<AccountState.MountTarget> existing = account.mountTargets.values().stream()
                .filter(t -> t.fileSystemId.equals(fileSystemId)).toList();
        if (existing.stream().anyMatch(t -> !t.subnet.vpcId().equals(subnet.vpcId()))) {
            throw new AwsError(409, "MountTargetConflict", "The file system's mount targets are in another VPC.");
        }
        AccountState.FileSystem fileSystem = account.fileSystems.get(fileSystemId);
        if (fileSystem.oneZone != null && (!existing.isEmpty() || !fileSystem.oneZone.equals(subnet.availabilityZone()))) {
            throw AwsError.client("AvailabilityZonesMismatch", "One Zone file system " + fileSystemId + " takes one mount "
                    + "target, in " + fileSystem.oneZone + ".");
        }
        String refusal = account.mountTargetRefusals.get(subnet.availabilityZone());
        if (refusal != null) {
            throw AwsError.client(refusal, refusal.equals("UnsupportedAvailabilityZone")
                    ? "Amazon EFS is not available in Availability Zone " + subnet.availabilityZone() + "."
                    : "A scripted refusal of mount targets in " + subnet.availabilityZone() + ".");
        }
        if (existing.stream().anyMatch(t -> t.subnet.availabilityZone().equals(subnet.availabilityZone()))) {
            throw new AwsError(409, "MountTargetConflict", "A mount target already exists in Availability Zone "
                    + subnet.availabilityZone() + " for " + fileSystemId + ".");
        }
        if (subnet.freeIps() < 1) {
            throw new AwsError(409, "NoFreeAddressesInSubnet", "The subnet " + subnetId + " has no free IP addresses.");
        }
        String id = String.format("fsmt-0ef5%013x", account.mountTargets.size() + 1L);
        String ip = subnet.cidr().replace(".0/24", "." + (10 + existing.size()));
        AccountState.MountTarget target = new AccountState.MountTarget(id, fileSystemId, subnet, ip, groups, "creating",
                account.mountTargetCreatingLooks);
        account.mountTargets.put(id, target);
        log.detail(id + " in " + subnet.availabilityZone() + " creating");
        return json(target);
    }

    /** Each describe brings a creating target one step closer to available (or to the state a fault scripted). */
    private static void look(AccountState.MountTarget target, AccountState.FileSystem fileSystem) {
        if ("creating".equals(target.state) && !fileSystem.creatingHeld) {
            if (target.looksLeft <= 0) {
                target.state = fileSystem.newTargetsEndIn == null ? "available" : fileSystem.newTargetsEndIn;
            } else {
                target.looksLeft--;
            }
        }
    }

    private void requireFileSystem(String id) {
        if (!account.fileSystems.containsKey(id)) {
            throw AwsError.notFound("FileSystemNotFound", "File system '" + id + "' does not exist.");
        }
    }

    private static int parseMarker(String marker) {
        try {
            return Integer.parseInt(marker.substring("page-".length()));
        } catch (RuntimeException e) {
            throw AwsError.client("BadRequest", "Invalid Marker '" + marker + "'");
        }
    }

    private static ObjectNode json(AccountState.MountTarget target) {
        ObjectNode out = Json.object()
                .put("OwnerId", AccountState.ACCOUNT_ID)
                .put("MountTargetId", target.id)
                .put("FileSystemId", target.fileSystemId)
                .put("SubnetId", target.subnet.id())
                .put("LifeCycleState", target.state)
                // EFS assigns the address at CreateMountTarget and returns it while the target is still creating.
                .put("IpAddress", target.ipAddress);
        if (!"creating".equals(target.state)) {
            out.put("NetworkInterfaceId", "eni-" + target.id.substring(5));
        }
        return out.put("AvailabilityZoneName", target.subnet.availabilityZone())
                .put("AvailabilityZoneId", zoneId(target.subnet.availabilityZone()))
                .put("VpcId", target.subnet.vpcId());
    }

    private static String zoneId(String zone) {
        return "euw1-az" + zone.charAt(zone.length() - 1);
    }
}
