package dev.costguard.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** EC2's query protocol: launch, describe, stop and start the relay host, and the default subnet ECS services need. */
final class Ec2Handler implements ServiceHandler {

    static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    /** The default VPC's one subnet: enough for an awsvpc ECS service to name. */
    static final String DEFAULT_SUBNET = AccountState.DEFAULT_SUBNET;
    static final String DEFAULT_VPC = AccountState.DEFAULT_VPC;

    private static final Pattern AMI_ID = Pattern.compile("ami-[0-9a-f]{8,17}");
    /** A soft limit, as an account's vCPU quota would be; the demo launches one. */
    private static final int MAX_LAUNCH = 20;

    private final AccountState account;

    Ec2Handler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "ec2";
    }

    @Override
    public List<String> operations() {
        return List.of("RunInstances", "DescribeInstances", "StopInstances", "StartInstances", "DescribeSubnets",
                "DescribeAvailabilityZones", "DescribeVpcEndpoints", "CreateTags", "DeleteTags");
    }

    @Override
    public String operation(AwsRequest request) {
        String action = request.form().getOrDefault("Action", "");
        return action.isEmpty() ? "?" : action;
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        Map<String, String> form = request.form();
        String action = form.getOrDefault("Action", "");
        log.operation(operation(request));
        List<String> ids = AwsRequest.indexed(form, "InstanceId");
        log.subject(ids.isEmpty() ? "*" : String.join(",", ids));
        return switch (action) {
            case "DescribeInstances" -> describe(ids, filters(form), log);
            case "StopInstances" -> change("StopInstancesResponse", ids, true, log);
            case "StartInstances" -> change("StartInstancesResponse", ids, false, log);
            case "RunInstances" -> run(form, log);
            case "DescribeSubnets" -> describeSubnets(form, log);
            case "DescribeAvailabilityZones" -> describeZones(form, log);
            case "DescribeVpcEndpoints" -> describeVpcEndpoints(form, log);
            case "CreateTags" -> createTags(form, log);
            case "DeleteTags" -> deleteTags(form, log);
            default -> throw AwsError.client("InvalidAction", "The action '" + action + "' is not valid for this web service "
                    + "(the fake account implements RunInstances, DescribeInstances, StopInstances, StartInstances, "
                    + "DescribeSubnets, DescribeAvailabilityZones, DescribeVpcEndpoints, CreateTags and DeleteTags).");
        };
    }

    @Override
    public AwsResponse error(AwsError error) {
        // EC2 does not use the ErrorResponse shape of the other query services.
        Xml xml = Xml.document("Response").open("Errors").open("Error")
                .leaf("Code", error.code()).leaf("Message", error.getMessage()).close().close()
                .leaf("RequestID", UUID.randomUUID());
        return AwsResponse.xml(error.status(), xml.toString());
    }

    private AwsResponse describe(List<String> ids, List<Filter> filters, CallLog log) {
        Instant now = account.now();
        List<Instance> selected = ids.isEmpty() ? List.copyOf(account.instances.values()) : existing(ids);
        Xml xml = Xml.document("DescribeInstancesResponse", NAMESPACE).leaf("requestId", UUID.randomUUID()).open("reservationSet");
        List<String> seen = new ArrayList<>();
        for (Instance instance : selected) {
            Instance.State state = instance.state(now, true);
            if (filters.stream().allMatch(f -> f.matches(instance, state))) {
                seen.add(state.apiName);
                // One reservation per instance keeps the shape simple; the SDK's waiters flatten reservations anyway.
                xml.open("item").leaf("reservationId", "r-" + instance.id.substring(2)).leaf("ownerId", AccountState.ACCOUNT_ID)
                        .open("groupSet").close().open("instancesSet");
                writeInstance(xml, instance, state);
                xml.close().close();
                markHeld(instance, now, log);
            }
        }
        log.detail(String.join(",", seen));
        return AwsResponse.xml(200, xml.toString());
    }

    private void writeInstance(Xml xml, Instance instance, Instance.State state) {
        xml.open("item")
                .leaf("instanceId", instance.id)
                .leaf("imageId", instance.imageId)
                .open("instanceState").leaf("code", state.code).leaf("name", state.apiName).close()
                .leaf("privateDnsName", "ip-" + instance.privateIp.replace('.', '-') + "." + AccountState.REGION + ".compute.internal")
                .leaf("dnsName", "")
                .leaf("reason", instance.stateReason() == null ? "" : "User initiated")
                .leaf("amiLaunchIndex", 0)
                .leaf("instanceType", instance.instanceType)
                .leaf("launchTime", instance.launchedAt.truncatedTo(ChronoUnit.SECONDS))
                .open("placement").leaf("availabilityZone", AccountState.REGION + "a").leaf("tenancy", "default").close()
                .open("monitoring").leaf("state", "disabled").close()
                .leaf("privateIpAddress", instance.privateIp)
                // An Elastic IP stays through stop/start, so the public address is shown in every state.
                .leaf("ipAddress", instance.publicIp)
                .leaf("architecture", instance.architecture())
                .leaf("rootDeviceType", "ebs")
                .open("tagSet");
        instance.tags.forEach((key, value) -> xml.open("item").leaf("key", key).leaf("value", value).close());
        xml.close();
        if (instance.stateReason() != null) {
            String[] reason = instance.stateReason().split(": ", 2);
            xml.open("stateReason").leaf("code", reason[0]).leaf("message", reason[0] + ": " + reason[1]).close();
        }
        xml.close();
    }

    private AwsResponse change(String responseName, List<String> ids, boolean stop, CallLog log) {
        if (ids.isEmpty()) {
            throw AwsError.client("MissingParameter", "The request must contain the parameter InstanceId");
        }
        Instant now = account.now();
        List<Instance> instances = existing(ids);
        Xml xml = Xml.document(responseName, NAMESPACE).leaf("requestId", UUID.randomUUID()).open("instancesSet");
        List<String> moves = new ArrayList<>();
        for (Instance instance : instances) {
            Instance.Transition transition;
            try {
                transition = stop ? instance.stop(now) : instance.start(now);
            } catch (Instance.IncorrectState e) {
                throw AwsError.client("IncorrectInstanceState", e.getMessage());
            }
            moves.add(transition.previous().apiName + "->" + transition.current().apiName);
            markHeld(instance, now, log);
            xml.open("item").leaf("instanceId", instance.id)
                    .open("currentState").leaf("code", transition.current().code).leaf("name", transition.current().apiName).close()
                    .open("previousState").leaf("code", transition.previous().code).leaf("name", transition.previous().apiName).close()
                    .close();
        }
        log.detail(String.join(",", moves));
        return AwsResponse.xml(200, xml.toString());
    }

    private static void markHeld(Instance instance, Instant now, CallLog log) {
        if (instance.held(now)) {
            log.fault(instance.id + " held in " + instance.state(now, false).apiName);
        }
    }

    private AwsResponse run(Map<String, String> form, CallLog log) {
        String imageId = form.get("ImageId");
        if (imageId == null || imageId.isEmpty()) {
            throw AwsError.client("MissingParameter", "The request must contain the parameter ImageId");
        }
        if (!AMI_ID.matcher(imageId).matches()) {
            throw AwsError.client("InvalidAMIID.Malformed", "Invalid id: \"" + imageId + "\" (expecting \"ami-...\")");
        }
        int min = count(form, "MinCount");
        int max = count(form, "MaxCount");
        if (min > max) {
            throw AwsError.client("InvalidParameterValue", "MinCount (" + min + ") must be less than or equal to MaxCount (" + max + ")");
        }
        if (min > MAX_LAUNCH) {
            throw AwsError.client("InstanceLimitExceeded", "You have requested more instances (" + min + ") than your current instance limit of "
                    + MAX_LAUNCH + " allows for the specified instance type.");
        }
        String instanceType = form.getOrDefault("InstanceType", "m1.small");
        Map<String, String> tags = instanceTags(form);
        Instant now = account.now();
        String reservationId = "r-" + randomHex();
        Xml xml = Xml.document("RunInstancesResponse", NAMESPACE).leaf("requestId", UUID.randomUUID())
                .leaf("reservationId", reservationId).leaf("ownerId", AccountState.ACCOUNT_ID).open("groupSet").close()
                .open("instancesSet");
        List<String> launched = new ArrayList<>();
        for (int i = 0; i < Math.min(max, MAX_LAUNCH); i++) {
            // The fake plays the relay's own image: every host it boots runs the API unit, reachable on loopback for health checks.
            Instance instance = Instance.launched("i-" + randomHex(), "127.0.0.1", instanceType, imageId, now, account.settleAfter,
                    AccountState.API_UNIT);
            instance.tags.putAll(tags);
            account.instances.put(instance.id, instance);
            launched.add(instance.id);
            writeInstance(xml, instance, instance.state(now, false));
        }
        log.subject(String.join(",", launched)).detail(imageId + " " + instanceType);
        return AwsResponse.xml(200, xml.toString());
    }

    private static int count(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null) {
            throw AwsError.client("MissingParameter", "The request must contain the parameter " + name);
        }
        try {
            int count = Integer.parseInt(value);
            if (count < 1) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw AwsError.client("InvalidParameterValue", "Value (" + value + ") for parameter " + name + " is invalid. Expected a positive integer.");
        }
    }

    /** TagSpecification.N.ResourceType=instance with Tag.M.Key/Value; tags for volumes and the like are not kept. */
    private static Map<String, String> instanceTags(Map<String, String> form) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int n = 1; form.containsKey("TagSpecification." + n + ".ResourceType"); n++) {
            String prefix = "TagSpecification." + n + ".";
            if (!"instance".equals(form.get(prefix + "ResourceType"))) {
                continue;
            }
            for (int m = 1; form.containsKey(prefix + "Tag." + m + ".Key"); m++) {
                tags.put(form.get(prefix + "Tag." + m + ".Key"), form.getOrDefault(prefix + "Tag." + m + ".Value", ""));
            }
        }
        return tags;
    }

    /** EC2 ids are 17 hex digits after the prefix. */
    private static String randomHex() {
        byte[] bytes = new byte[9];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, 17);
    }

    private AwsResponse describeSubnets(Map<String, String> form, CallLog log) {
        List<String> ids = AwsRequest.indexed(form, "SubnetId");
        List<String> missing = ids.stream().filter(id -> !account.subnets.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            log.subject(String.join(",", ids));
            throw AwsError.client("InvalidSubnetID.NotFound", "The subnet ID '" + missing.get(0) + "' does not exist");
        }
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (int i = 1; form.containsKey("Filter." + i + ".Name"); i++) {
            String name = form.get("Filter." + i + ".Name");
            if (!List.of("vpc-id", "availability-zone", "default-for-az", "subnet-id").contains(name)) {
                throw AwsError.client("InvalidParameterValue", "The filter '" + name + "' is invalid (the fake account "
                        + "knows vpc-id, availability-zone, default-for-az and subnet-id for subnets)");
            }
            filters.put(name, AwsRequest.indexed(form, "Filter." + i + ".Value"));
        }
        log.subject(ids.isEmpty() ? filters.isEmpty() ? "*" : filters.toString() : String.join(",", ids));
        List<AccountState.Subnet> selected = account.subnets.values().stream()
                .filter(s -> ids.isEmpty() || ids.contains(s.id()))
                .filter(s -> filters.entrySet().stream().allMatch(f -> f.getValue().contains(switch (f.getKey()) {
                    case "vpc-id" -> s.vpcId();
                    case "availability-zone" -> s.availabilityZone();
                    case "default-for-az" -> String.valueOf(s.defaultForAz());
                    default -> s.id();
                })))
                .toList();
        log.detail(selected.size() + " subnet(s)");
        Xml xml = Xml.document("DescribeSubnetsResponse", NAMESPACE).leaf("requestId", UUID.randomUUID()).open("subnetSet");
        for (AccountState.Subnet subnet : selected) {
            xml.open("item")
                    .leaf("subnetId", subnet.id())
                    .leaf("subnetArn", "arn:aws:ec2:" + AccountState.REGION + ":" + AccountState.ACCOUNT_ID + ":subnet/" + subnet.id())
                    .leaf("state", "available")
                    .leaf("ownerId", AccountState.ACCOUNT_ID)
                    .leaf("vpcId", subnet.vpcId())
                    .leaf("cidrBlock", subnet.cidr())
                    .leaf("availableIpAddressCount", subnet.freeIps())
                    .leaf("availabilityZone", subnet.availabilityZone())
                    .leaf("defaultForAz", subnet.defaultForAz())
                    .leaf("mapPublicIpOnLaunch", subnet.defaultForAz())
                    .close();
        }
        return AwsResponse.xml(200, xml.toString());
    }

    /**
     * The zones of the account's subnets, by ZoneName.N or all. A name with a part between the region and the zone
     * letter ("eu-west-1-ham-1a") is a Local Zone, as AWS names them; the others are regular Availability Zones.
     */
    private AwsResponse describeZones(Map<String, String> form, CallLog log) {
        List<String> names = AwsRequest.indexed(form, "ZoneName");
        Set<String> known = new TreeSet<>();
        account.subnets.values().forEach(subnet -> known.add(subnet.availabilityZone()));
        List<String> unknown = names.stream().filter(name -> !known.contains(name)).toList();
        log.subject(names.isEmpty() ? "*" : String.join(",", names));
        if (!unknown.isEmpty()) {
            throw AwsError.client("InvalidParameterValue", "The zone '" + unknown.get(0) + "' does not exist in the current region.");
        }
        Xml xml = Xml.document("DescribeAvailabilityZonesResponse", NAMESPACE).leaf("requestId", UUID.randomUUID())
                .open("availabilityZoneInfo");
        List<String> types = new ArrayList<>();
        for (String zone : names.isEmpty() ? List.copyOf(known) : names) {
            String type = zone.startsWith(AccountState.REGION + "-") ? "local-zone" : "availability-zone";
            types.add(zone + "=" + type);
            xml.open("item")
                    .leaf("optInStatus", type.equals("local-zone") ? "opted-in" : "opt-in-not-required")
                    .leaf("zoneName", zone)
                    .leaf("zoneId", "euw1-az" + zone.charAt(zone.length() - 1))
                    .leaf("zoneState", "available")
                    .leaf("regionName", AccountState.REGION)
                    .leaf("zoneType", type)
                    .close();
        }
        log.detail(String.join(" ", types));
        return AwsResponse.xml(200, xml.toString());
    }

    /** EC2 fails the whole call when any id is unknown, before changing anything. */
    /** Tags on instances: keys up to 128 characters, values up to 256, 50 per resource; values are strings. */
    private AwsResponse createTags(Map<String, String> form, CallLog log) {
        List<String> resources = AwsRequest.indexed(form, "ResourceId");
        log.subject(String.join(",", resources));
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; form.containsKey("Tag." + i + ".Key"); i++) {
            String key = form.get("Tag." + i + ".Key");
            String value = form.getOrDefault("Tag." + i + ".Value", "");
            if (key.isEmpty() || key.length() > 128 || value.length() > 256 || key.startsWith("aws:")) {
                throw AwsError.client("InvalidParameterValue", "Tag key must be 1-128 characters not starting with aws:,"
                        + " and its value at most 256: " + key);
            }
            tags.put(key, value);
        }
        if (resources.isEmpty() || tags.isEmpty()) {
            throw AwsError.client("MissingParameter", "The request must contain the parameters ResourceId and Tag");
        }
        List<Instance> targets = existing(resources);
        for (Instance instance : targets) {
            Map<String, String> after = new LinkedHashMap<>(instance.tags);
            after.putAll(tags);
            if (after.size() > 50) {
                throw AwsError.client("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.");
            }
        }
        targets.forEach(instance -> instance.tags.putAll(tags));
        log.detail(tags.toString());
        return AwsResponse.xml(200, Xml.document("CreateTagsResponse", NAMESPACE).leaf("requestId", UUID.randomUUID())
                .leaf("return", true).toString());
    }

    /** A Tag.N.Key without a value deletes the tag whatever its value; with a value, only when it matches. */
    private AwsResponse deleteTags(Map<String, String> form, CallLog log) {
        List<String> resources = AwsRequest.indexed(form, "ResourceId");
        log.subject(String.join(",", resources));
        List<Instance> targets = existing(resources);
        List<String> keys = new ArrayList<>();
        for (int i = 1; form.containsKey("Tag." + i + ".Key"); i++) {
            String key = form.get("Tag." + i + ".Key");
            String value = form.get("Tag." + i + ".Value");
            keys.add(key);
            targets.forEach(instance -> {
                if (value == null || value.equals(instance.tags.get(key))) {
                    instance.tags.remove(key);
                }
            });
        }
        log.detail(String.join(",", keys));
        return AwsResponse.xml(200, Xml.document("DeleteTagsResponse", NAMESPACE).leaf("requestId", UUID.randomUUID())
                .leaf("return", true).toString());
    }

    private List<Instance> existing(List<String> ids) {
        List<String> missing = ids.stream().filter(id -> !account.instances.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw AwsError.client("InvalidInstanceID.NotFound", missing.size() == 1
                    ? "The instance ID '" + missing.get(0) + "' does not exist"
                    : "The instance IDs '" + String.join(", ", missing) + "' do not exist");
        }
        return ids.stream().map(account.instances::get).toList();
    }

    private record Filter(String name, List<String> values) {

        private static final List<String> KNOWN = List.of("instance-id", "instance-state-name", "private-ip-address", "tag:<key>");

        Filter {
            if (!KNOWN.contains(name) && !name.startsWith("tag:")) {
                throw AwsError.client("InvalidParameterValue", "The filter '" + name + "' is invalid (the fake account knows "
                        + String.join(", ", KNOWN) + ")");
            }
        }

        boolean matches(Instance instance, Instance.State state) {
            return switch (name) {
                case "instance-id" -> values.contains(instance.id);
                case "instance-state-name" -> values.contains(state.apiName);
                case "private-ip-address" -> values.contains(instance.privateIp);
                default -> values.contains(instance.tags.get(name.substring("tag:".length())));
            };
        }
    }

    private static List<Filter> filters(Map<String, String> form) {
        List<Filter> filters = new ArrayList<>();
        for (int i = 1; form.containsKey("Filter." + i + ".Name"); i++) {
            filters.add(new Filter(form.get("Filter." + i + ".Name"), AwsRequest.indexed(form, "Filter." + i + ".Value")));
        }
        return filters;
    }

    /** The VPC endpoints, filtered by vpc-id (the only filter the fake knows for them). */
    private AwsResponse describeVpcEndpoints(Map<String, String> form, CallLog log) {
        List<String> vpcs = new ArrayList<>();
        for (int i = 1; form.containsKey("Filter." + i + ".Name"); i++) {
            if (!"vpc-id".equals(form.get("Filter." + i + ".Name"))) {
                throw AwsError.client("InvalidParameterValue", "The filter '" + form.get("Filter." + i + ".Name")
                        + "' is invalid (the fake account knows vpc-id for VPC endpoints)");
            }
            vpcs.addAll(AwsRequest.indexed(form, "Filter." + i + ".Value"));
        }
        log.subject(vpcs.isEmpty() ? "*" : String.join(",", vpcs));
        Xml xml = Xml.document("DescribeVpcEndpointsResponse", NAMESPACE).leaf("requestId", UUID.randomUUID()).open("vpcEndpointSet");
        int count = 0;
        for (DeployedStack.VpcEndpoint endpoint : account.stack.vpcEndpoints) {
            if (vpcs.isEmpty() || vpcs.contains(endpoint.vpcId())) {
                xml.open("item").leaf("vpcEndpointId", endpoint.id()).leaf("vpcEndpointType", endpoint.type())
                        .leaf("vpcId", endpoint.vpcId()).leaf("serviceName", endpoint.serviceName()).leaf("state", "available")
                        .leaf("privateDnsEnabled", endpoint.privateDns()).close();
                count++;
            }
        }
        log.detail(count + " endpoint(s)");
        return AwsResponse.xml(200, xml.toString());
    }
}
