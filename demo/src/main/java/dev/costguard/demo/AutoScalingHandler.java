package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Application Auto Scaling over JSON 1.1: the min/max an ECS scheduler must lower before scaling a service to 0. */
final class AutoScalingHandler implements ServiceHandler {

    static final String TARGET_PREFIX = "AnyScaleFrontendService.";

    private final AccountState account;

    AutoScalingHandler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "autoscaling";
    }

    @Override
    public List<String> operations() {
        return List.of("DescribeScalableTargets", "RegisterScalableTarget");
    }

    @Override
    public String operation(AwsRequest request) {
        return request.header("X-Amz-Target").substring(TARGET_PREFIX.length());
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        String operation = operation(request);
        log.operation(operation);
        JsonNode body = request.json();
        return AwsResponse.amzJson(switch (operation) {
            case "DescribeScalableTargets" -> describe(body, log);
            case "RegisterScalableTarget" -> register(body, log);
            default -> throw AwsError.client("UnknownOperationException", "The fake account does not implement Application Auto Scaling "
                    + operation + " (it knows DescribeScalableTargets and RegisterScalableTarget)");
        });
    }

    @Override
    public AwsResponse error(AwsError error) {
        return AwsResponse.amzJsonError(error);
    }

    private ObjectNode describe(JsonNode body, CallLog log) {
        String namespace = Json.required(body, "ServiceNamespace");
        List<String> resourceIds = new ArrayList<>();
        body.path("ResourceIds").forEach(id -> resourceIds.add(id.asText()));
        String dimension = body.path("ScalableDimension").asText(null);
        log.subject(namespace + " " + (resourceIds.isEmpty() ? "*" : String.join(",", resourceIds)));
        ObjectNode out = Json.object();
        ArrayNode targets = out.putArray("ScalableTargets");
        for (AccountState.ScalableTarget target : account.scalableTargets.values()) {
            if (target.namespace.equals(namespace)
                    && (resourceIds.isEmpty() || resourceIds.contains(target.resourceId))
                    && (dimension == null || dimension.equals(target.dimension))) {
                targets.add(targetJson(target));
            }
        }
        return out;
    }

    private ObjectNode register(JsonNode body, CallLog log) {
        String namespace = Json.required(body, "ServiceNamespace");
        String resourceId = Json.required(body, "ResourceId");
        String dimension = Json.required(body, "ScalableDimension");
        log.subject(resourceId);
        AccountState.ScalableTarget target = account.scalableTargets.get(AccountState.ScalableTarget.key(namespace, resourceId, dimension));
        Integer min = capacity(body, "MinCapacity");
        Integer max = capacity(body, "MaxCapacity");
        if (target == null && (min == null || max == null)) {
            throw AwsError.client("ValidationException", "MinCapacity and MaxCapacity are required to register a new scalable target");
        }
        int newMin = min != null ? min : target.minCapacity;
        int newMax = max != null ? max : target.maxCapacity;
        if (newMin > newMax) {
            throw AwsError.client("ValidationException", "Minimum capacity cannot be greater than maximum capacity");
        }
        if (target == null) {
            target = new AccountState.ScalableTarget(namespace, resourceId, dimension, newMin, newMax, account.now());
            account.scalableTargets.put(target.key(), target);
            log.detail("created min=" + newMin + " max=" + newMax);
        } else {
            log.detail("min " + target.minCapacity + "->" + newMin + " max " + target.maxCapacity + "->" + newMax);
            target.minCapacity = newMin;
            target.maxCapacity = newMax;
        }
        return Json.object().put("ScalableTargetARN", arn(target));
    }

    private static Integer capacity(JsonNode body, String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asInt() < 0) {
            throw AwsError.client("ValidationException", member + " must be 0 or more, got " + value);
        }
        return value.asInt();
    }

    private static ObjectNode targetJson(AccountState.ScalableTarget target) {
        ObjectNode json = Json.object()
                .put("ServiceNamespace", target.namespace)
                .put("ResourceId", target.resourceId)
                .put("ScalableDimension", target.dimension)
                .put("MinCapacity", target.minCapacity)
                .put("MaxCapacity", target.maxCapacity)
                .put("RoleARN", "arn:aws:iam::" + AccountState.ACCOUNT_ID
                        + ":role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService")
                .put("CreationTime", Json.epochSeconds(target.createdAt))
                .put("ScalableTargetARN", arn(target));
        json.putObject("SuspendedState")
                .put("DynamicScalingInSuspended", false)
                .put("DynamicScalingOutSuspended", false)
                .put("ScheduledScalingSuspended", false);
        return json;
    }

    private static String arn(AccountState.ScalableTarget target) {
        // Real ARNs end in an opaque id; a stable one derived from the key is enough here.
        return "arn:aws:application-autoscaling:" + AccountState.REGION + ":" + AccountState.ACCOUNT_ID + ":scalable-target/"
                + UUID.nameUUIDFromBytes(target.key().getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
