package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Not AWS: the control endpoint for scripted faults. POST /_faults adds one (JSON, below) and answers its id;
 * GET /_faults lists them with how many calls each has taken; DELETE /_faults/{id} removes one; DELETE /_faults
 * removes all, releases held instances and drops every call held without an answer.
 * <pre>
 * {"call": "lambda:PutFunctionConcurrency", "resource": "relay-default", "times": 1,
 *  "error": {"status": 500, "code": "ServiceException", "message": "..."}}
 * {"call": "ssm:GetParameter", "delayMillis": 2000}
 * {"call": "ec2:DescribeInstances", "noAnswer": true}
 * {"instance": "i-0c0ffee5eed000001", "stuckIn": "stopping"}
 * {"fileSystem": "fs-0ef5000000000000a", "newTargetsEndIn": "error"}
 * {"fileSystem": "fs-0ef5000000000000a", "creatingHeld": true}
 * {"fileSystem": "fs-0ef5000000000000a", "oneZone": "eu-west-1a"}
 * {"zone": "eu-west-1c", "refuseMountTargets": "UnsupportedAvailabilityZone"}
 * </pre>
 */
final class FaultsHandler implements ServiceHandler {

    static final String PATH = "/_faults";

    private static final Set<String> CALL_FIELDS = Set.of("call", "resource", "times", "error", "delayMillis", "noAnswer");
    private static final Set<String> ERROR_FIELDS = Set.of("status", "code", "message");
    private static final Set<String> INSTANCE_FIELDS = Set.of("instance", "stuckIn");
    private static final Set<String> EFS_KINDS = Set.of("newTargetsEndIn", "creatingHeld", "oneZone");
    /** The CreateMountTarget refusals EFS gives about a zone or subnet rather than the request. */
    private static final Set<String> ZONE_REFUSALS = Set.of("UnsupportedAvailabilityZone", "NoFreeAddressesInSubnet",
            "IpAddressInUse");
    private static final long MAX_DELAY_MILLIS = 600_000;
    static final String SHAPES = "{\"call\": \"<service>:<Operation>\", \"resource\": \"<name in the request>\" (optional), "
            + "\"times\": <first N matching calls> (optional), then \"error\": {\"status\": 400-599, \"code\": \"<AWS error code>\", "
            + "\"message\": \"...\"} and/or \"delayMillis\": <ms>, or \"noAnswer\": true}; "
            + "or {\"instance\": \"<instance id>\", \"stuckIn\": \"stopping\" | \"pending\"}; "
            + "or {\"fileSystem\": \"<fs id>\", then \"newTargetsEndIn\": \"error\", \"creatingHeld\": true or "
            + "\"oneZone\": \"<zone>\"}; or {\"zone\": \"<zone>\", \"refuseMountTargets\": \"UnsupportedAvailabilityZone\" | "
            + "\"NoFreeAddressesInSubnet\" | \"IpAddressInUse\"}";

    private final AccountState account;
    private final ScriptedFaults faults;
    private final Map<String, ServiceHandler> services;

    /** {@code services}: the handlers a fault may name, by their call-log name. */
    FaultsHandler(AccountState account, ScriptedFaults faults, Map<String, ServiceHandler> services) {
        this.account = account;
        this.faults = faults;
        this.services = services;
    }

    @Override
    public String name() {
        return "faults";
    }

    @Override
    public boolean logged() {
        return false;
    }

    @Override
    public List<String> operations() {
        return List.of();
    }

    @Override
    public String operation(AwsRequest request) {
        return request.method() + " " + request.path();
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        String path = request.path();
        if (path.equals(PATH) || path.equals(PATH + "/")) {
            return switch (request.method()) {
                case "POST" -> AwsResponse.json(201, Json.object().put("id", add(request.json())));
                case "GET" -> AwsResponse.json(200, faults.toJson());
                case "DELETE" -> {
                    faults.clear().forEach(this::release);
                    faults.clearEfsFaults().forEach(this::undo);
                    yield AwsResponse.noContent();
                }
                default -> throw new AwsError(405, "MethodNotAllowed", "POST, GET or DELETE on " + PATH);
            };
        }
        String id = path.substring(PATH.length() + 1);
        if (!request.method().equals("DELETE")) {
            throw new AwsError(405, "MethodNotAllowed", "Only DELETE on " + path);
        }
        if (!faults.removeCallFault(id)) {
            ScriptedFaults.InstanceHold hold = faults.removeHold(id);
            ScriptedFaults.EfsFault efs = hold == null ? faults.removeEfsFault(id) : null;
            if (hold == null && efs == null) {
                throw AwsError.notFound("NoSuchFault", "No scripted fault " + id);
            }
            if (hold != null) {
                release(hold);
            } else {
                undo(efs);
            }
        }
        return AwsResponse.noContent();
    }

    @Override
    public AwsResponse error(AwsError error) {
        return AwsResponse.json(error.status(), Json.object().put("error", error.code()).put("message", error.getMessage()));
    }

    private String add(JsonNode spec) {
        if (!spec.isObject()) {
            throw invalid("a fault is a JSON object: " + SHAPES);
        }
        if (spec.has("fileSystem")) {
            return addFileSystemFault(spec);
        }
        if (spec.has("zone")) {
            return addZoneRefusal(spec);
        }
        return spec.has("instance") ? addHold(spec) : addCallFault(spec);
    }

    private String addCallFault(JsonNode spec) {
        unknownFields(spec, CALL_FIELDS, "");
        String call = text(spec, "call");
        int colon = call.indexOf(':');
        ServiceHandler service = colon < 0 ? null : services.get(call.substring(0, colon));
        if (service == null) {
            throw invalid("\"call\" must be <service>:<Operation> with a service of " + new TreeSet<>(services.keySet()) + ", got '" + call + "'");
        }
        String operation = call.substring(colon + 1);
        if (!service.operations().contains(operation)) {
            throw invalid("the fake account's " + service.name() + " has no operation '" + operation + "' (it has "
                    + service.operations() + ")");
        }
        String resource = spec.has("resource") ? text(spec, "resource") : null;
        Integer times = spec.has("times") ? (int) number(spec, "times", 1, Integer.MAX_VALUE) : null;
        long delayMillis = spec.has("delayMillis") ? number(spec, "delayMillis", 0, MAX_DELAY_MILLIS) : 0;
        boolean noAnswer = false;
        if (spec.has("noAnswer")) {
            if (!spec.get("noAnswer").isBoolean()) {
                throw invalid("\"noAnswer\" must be true or false");
            }
            noAnswer = spec.get("noAnswer").booleanValue();
        }
        AwsError error = spec.has("error") ? error(spec.get("error")) : null;
        if (noAnswer && (error != null || delayMillis > 0)) {
            throw invalid("a call that never answers has no error and no delay");
        }
        if (!noAnswer && error == null && delayMillis == 0) {
            throw invalid("a call fault needs \"error\", \"delayMillis\" or \"noAnswer\": " + SHAPES);
        }
        String id = faults.nextId();
        faults.add(new ScriptedFaults.CallFault(id, service.name(), operation, resource, times, error, delayMillis, noAnswer));
        return id;
    }

    private AwsError error(JsonNode spec) {
        if (!spec.isObject()) {
            throw invalid("\"error\" must be an object {\"status\": 400-599, \"code\": \"...\", \"message\": \"...\"}");
        }
        unknownFields(spec, ERROR_FIELDS, "error.");
        int status = (int) number(spec, "status", 400, 599);
        String code = text(spec, "code");
        String message = spec.has("message") ? text(spec, "message") : "A scripted fault of the fake account";
        return new AwsError(status, code, message);
    }

    /** Runs under the account lock, as every handler does: the hold changes how the instance moves on. */
    private String addHold(JsonNode spec) {
        unknownFields(spec, INSTANCE_FIELDS, "");
        String instanceId = text(spec, "instance");
        Instance instance = account.instances.get(instanceId);
        if (instance == null) {
            throw AwsError.notFound("InvalidInstanceID.NotFound", "The instance ID '" + instanceId + "' does not exist");
        }
        String state = text(spec, "stuckIn");
        Instance.State stuckIn = switch (state) {
            case "stopping" -> Instance.State.STOPPING;
            case "pending" -> Instance.State.PENDING;
            default -> throw invalid("\"stuckIn\" must be \"stopping\" or \"pending\" (the states an instance passes through), got '" + state + "'");
        };
        instance.holdIn(stuckIn);
        String id = faults.nextId();
        faults.add(new ScriptedFaults.InstanceHold(id, instanceId, stuckIn));
        return id;
    }

    /** Runs under the account lock: it changes how the file system's mount targets behave from now on. */
    private String addFileSystemFault(JsonNode spec) {
        List<String> kinds = new ArrayList<>();
        spec.fieldNames().forEachRemaining(name -> {
            if (!name.equals("fileSystem")) {
                kinds.add(name);
            }
        });
        if (kinds.size() != 1 || !EFS_KINDS.contains(kinds.get(0))) {
            throw invalid("a file-system fault names \"fileSystem\" and one of " + new TreeSet<>(EFS_KINDS) + ": " + SHAPES);
        }
        String fileSystemId = text(spec, "fileSystem");
        AccountState.FileSystem fileSystem = account.fileSystems.get(fileSystemId);
        if (fileSystem == null) {
            throw AwsError.notFound("FileSystemNotFound", "File system '" + fileSystemId + "' does not exist.");
        }
        String kind = kinds.get(0);
        String value;
        switch (kind) {
            case "newTargetsEndIn" -> {
                value = text(spec, kind);
                if (!value.equals("error")) {
                    throw invalid("\"newTargetsEndIn\" must be \"error\" (the state an asynchronous failure leaves), got '" + value + "'");
                }
                fileSystem.newTargetsEndIn = value;
            }
            case "creatingHeld" -> {
                if (!spec.get(kind).isBoolean() || !spec.get(kind).booleanValue()) {
                    throw invalid("\"creatingHeld\" must be true");
                }
                value = "true";
                fileSystem.creatingHeld = true;
            }
            default -> {
                value = text(spec, kind);
                boolean known = account.subnets.values().stream().anyMatch(s -> s.availabilityZone().equals(value));
                if (!known) {
                    throw invalid("\"oneZone\" must be a zone of the account's subnets, got '" + value + "'");
                }
                fileSystem.oneZone = value;
            }
        }
        String id = faults.nextId();
        faults.add(new ScriptedFaults.EfsFault(id, fileSystemId, null, kind, value));
        return id;
    }

    private String addZoneRefusal(JsonNode spec) {
        unknownFields(spec, Set.of("zone", "refuseMountTargets"), "");
        String zone = text(spec, "zone");
        String code = text(spec, "refuseMountTargets");
        if (!ZONE_REFUSALS.contains(code)) {
            throw invalid("\"refuseMountTargets\" must be one of " + new TreeSet<>(ZONE_REFUSALS) + ", got '" + code + "'");
        }
        account.mountTargetRefusals.put(zone, code);
        String id = faults.nextId();
        faults.add(new ScriptedFaults.EfsFault(id, null, zone, "refuseMountTargets", code));
        return id;
    }

    private void undo(ScriptedFaults.EfsFault fault) {
        if (fault.zone() != null) {
            account.mountTargetRefusals.remove(fault.zone());
            return;
        }
        AccountState.FileSystem fileSystem = account.fileSystems.get(fault.fileSystemId());
        if (fileSystem != null) {
            switch (fault.kind()) {
                case "newTargetsEndIn" -> fileSystem.newTargetsEndIn = null;
                case "creatingHeld" -> fileSystem.creatingHeld = false;
                default -> fileSystem.oneZone = null;
            }
        }
    }

    private void release(ScriptedFaults.InstanceHold hold) {
        Instance instance = account.instances.get(hold.instanceId());
        if (instance != null) {
            instance.holdIn(null);
        }
    }

    private static void unknownFields(JsonNode spec, Set<String> known, String prefix) {
        List<String> unknown = new ArrayList<>();
        spec.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                unknown.add(prefix + name);
            }
        });
        if (!unknown.isEmpty()) {
            throw invalid("unknown field(s) " + unknown + "; a fault is " + SHAPES);
        }
    }

    private static String text(JsonNode spec, String field) {
        JsonNode value = spec.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid("\"" + field + "\" must be a non-empty string");
        }
        return value.asText();
    }

    private static long number(JsonNode spec, String field, long min, long max) {
        JsonNode value = spec.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw invalid("\"" + field + "\" must be a whole number from " + min + " to " + max + ", got " + value);
        }
        return value.asLong();
    }

    private static AwsError invalid(String message) {
        return AwsError.client("InvalidFault", message);
    }
}
