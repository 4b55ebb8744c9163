package dev.costguard.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** EC2's query protocol: describe, stop and start the relay host. */
final class Ec2Handler implements ServiceHandler {

    static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private final AccountState account;

    Ec2Handler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "ec2";
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        Map<String, String> form = request.form();
        String action = form.getOrDefault("Action", "");
        log.operation(action.isEmpty() ? "?" : action);
        List<String> ids = AwsRequest.indexed(form, "InstanceId");
        log.subject(ids.isEmpty() ? "*" : String.join(",", ids));
        return switch (action) {
            case "DescribeInstances" -> describe(ids, filters(form), log);
            case "StopInstances" -> change("StopInstancesResponse", ids, true, log);
            case "StartInstances" -> change("StartInstancesResponse", ids, false, log);
            default -> throw AwsError.client("InvalidAction", "The action '" + action + "' is not valid for this web service "
                    + "(the fake account implements DescribeInstances, StopInstances and StartInstances).");
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
            }
        }
        log.detail(String.join(",", seen));
        return AwsResponse.xml(200, xml.toString());
    }

    private void writeInstance(Xml xml, Instance instance, Instance.State state) {
        xml.open("item")
                .leaf("instanceId", instance.id)
                .leaf("imageId", "ami-0demo0000000000a")
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
                .leaf("architecture", "arm64")
                .leaf("rootDeviceType", "ebs")
                .open("tagSet").open("item").leaf("key", "Name").leaf("value", "nostr-relay").close().close();
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
            xml.open("item").leaf("instanceId", instance.id)
                    .open("currentState").leaf("code", transition.current().code).leaf("name", transition.current().apiName).close()
                    .open("previousState").leaf("code", transition.previous().code).leaf("name", transition.previous().apiName).close()
                    .close();
        }
        log.detail(String.join(",", moves));
        return AwsResponse.xml(200, xml.toString());
    }

    /** EC2 fails the whole call when any id is unknown, before changing anything. */
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

        private static final List<String> KNOWN = List.of("instance-id", "instance-state-name", "private-ip-address", "tag:Name");

        Filter {
            if (!KNOWN.contains(name)) {
                throw AwsError.client("InvalidParameterValue", "The filter '" + name + "' is invalid (the fake account knows "
                        + String.join(", ", KNOWN) + ")");
            }
        }

        boolean matches(Instance instance, Instance.State state) {
            return switch (name) {
                case "instance-id" -> values.contains(instance.id);
                case "instance-state-name" -> values.contains(state.apiName);
                case "private-ip-address" -> values.contains(instance.privateIp);
                default -> values.contains("nostr-relay");
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
}
