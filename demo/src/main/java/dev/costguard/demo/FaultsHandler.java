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
 * </pre>
 */
final class FaultsHandler implements ServiceHandler {

    static final String PATH = "/_faults";

    private static final Set<String> CALL_FIELDS = Set.of("call", "resource", "times", "error", "delayMillis", "noAnswer");
    private static final Set<String> ERROR_FIELDS = Set.of("status", "code", "message");
    private static final Set<String> INSTANCE_FIELDS = Set.of("instance", "stuckIn");
    private static final long MAX_DELAY_MILLIS = 600_000;
    static final String SHAPES = "{\"call\": \"<service>:<Operation>\", \"resource\": \"<name in the request>\" (optional), "
            + "\"times\": <first N matching calls> (optional), then \"error\": {\"status\": 400-599, \"code\": \"<AWS error code>\", "
            + "\"message\": \"...\"} and/or \"delayMillis\": <ms>, or \"noAnswer\": true}; "
            + "or {\"instance\": \"<instance id>\", \"stuckIn\": \"stopping\" | \"pending\"}";

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
            if (hold == null) {
                throw AwsError.notFound("NoSuchFault", "No scripted fault " + id);
            }
            release(hold);
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
