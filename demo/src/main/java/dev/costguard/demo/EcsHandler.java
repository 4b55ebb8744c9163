package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** ECS over JSON 1.1: describe services and change their desired count. */
final class EcsHandler implements ServiceHandler {

    static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";

    private final AccountState account;

    EcsHandler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "ecs";
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        String operation = request.header("X-Amz-Target").substring(TARGET_PREFIX.length());
        log.operation(operation);
        JsonNode body = request.json();
        return AwsResponse.amzJson(switch (operation) {
            case "DescribeServices" -> describeServices(body, log);
            case "UpdateService" -> updateService(body, log);
            default -> throw AwsError.client("UnknownOperationException", "The fake account does not implement ECS " + operation
                    + " (it knows DescribeServices and UpdateService)");
        });
    }

    @Override
    public AwsResponse error(AwsError error) {
        return AwsResponse.amzJsonError(error);
    }

    private ObjectNode describeServices(JsonNode body, CallLog log) {
        String cluster = cluster(body);
        List<String> names = new ArrayList<>();
        body.path("services").forEach(service -> names.add(lastPart(service.asText())));
        log.subject(cluster + "/" + String.join(",", names));
        ObjectNode out = Json.object();
        ArrayNode services = out.putArray("services");
        ArrayNode failures = out.putArray("failures");
        List<String> counts = new ArrayList<>();
        for (String name : names) {
            AccountState.EcsService service = account.ecsServices.get(cluster + "/" + name);
            if (service == null) {
                failures.addObject().put("arn", "arn:aws:ecs:" + AccountState.REGION + ":" + AccountState.ACCOUNT_ID + ":service/"
                        + cluster + "/" + name).put("reason", "MISSING");
                continue;
            }
            // Tasks have started or stopped by the next describe after an update: quick for the demo, but not instant.
            service.runningCount = service.desiredCount;
            services.add(serviceJson(service));
            counts.add(name + "=" + service.desiredCount);
        }
        log.detail(String.join(" ", counts));
        return out;
    }

    private ObjectNode updateService(JsonNode body, CallLog log) {
        String cluster = cluster(body);
        String name = lastPart(Json.required(body, "service"));
        log.subject(cluster + "/" + name);
        AccountState.EcsService service = account.ecsServices.get(cluster + "/" + name);
        if (service == null) {
            throw AwsError.client("ServiceNotFoundException", "Service not found.");
        }
        JsonNode desired = body.get("desiredCount");
        if (desired != null) {
            if (!desired.isIntegralNumber() || desired.asInt() < 0) {
                throw AwsError.client("InvalidParameterException", "desiredCount must be 0 or more, got " + desired);
            }
            log.detail("desiredCount " + service.desiredCount + "->" + desired.asInt());
            service.desiredCount = desired.asInt();
        }
        ObjectNode out = Json.object();
        out.set("service", serviceJson(service));
        return out;
    }

    private String cluster(JsonNode body) {
        // ECS calls the cluster named "default" when none is given.
        String cluster = lastPart(body.path("cluster").asText("default"));
        if (account.ecsServices.values().stream().noneMatch(s -> s.cluster.equals(cluster))) {
            throw AwsError.client("ClusterNotFoundException", "Cluster not found.");
        }
        return cluster;
    }

    private static ObjectNode serviceJson(AccountState.EcsService service) {
        int pending = Math.max(0, service.desiredCount - service.runningCount);
        String clusterArn = "arn:aws:ecs:" + AccountState.REGION + ":" + AccountState.ACCOUNT_ID + ":cluster/" + service.cluster;
        ObjectNode json = Json.object()
                .put("serviceArn", service.arn())
                .put("serviceName", service.name)
                .put("clusterArn", clusterArn)
                .put("status", "ACTIVE")
                .put("desiredCount", service.desiredCount)
                .put("runningCount", service.runningCount)
                .put("pendingCount", pending)
                .put("launchType", "FARGATE");
        // One PRIMARY deployment, as the SDK's ServicesStable waiter expects once the counts match.
        json.putArray("deployments").addObject()
                .put("id", "ecs-svc/" + Math.abs(service.arn().hashCode()))
                .put("status", "PRIMARY")
                .put("desiredCount", service.desiredCount)
                .put("runningCount", service.runningCount)
                .put("pendingCount", pending)
                .put("rolloutState", service.runningCount == service.desiredCount ? "COMPLETED" : "IN_PROGRESS");
        return json;
    }

    /** ECS takes a name or an ARN for clusters and services; the name is the last path part. */
    private static String lastPart(String nameOrArn) {
        return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
    }
}
