package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** ECS over JSON 1.1: describe services and change their desired count; create clusters, task definitions and services. */
final class EcsHandler implements ServiceHandler {

    static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

    private final AccountState account;

    EcsHandler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "ecs";
    }

    @Override
    public List<String> operations() {
        return List.of("DescribeServices", "UpdateService", "CreateCluster", "RegisterTaskDefinition", "CreateService",
                "DescribeTaskDefinition", "ListTagsForResource", "TagResource", "UntagResource");
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
            case "DescribeServices" -> describeServices(body, log);
            case "UpdateService" -> updateService(body, log);
            case "CreateCluster" -> createCluster(body, log);
            case "RegisterTaskDefinition" -> registerTaskDefinition(body, log);
            case "CreateService" -> createService(body, log);
            case "DescribeTaskDefinition" -> describeTaskDefinition(body, log);
            case "ListTagsForResource" -> listTags(body, log);
            case "TagResource" -> tagResource(body, log);
            case "UntagResource" -> untagResource(body, log);
            default -> throw AwsError.client("UnknownOperationException", "The fake account does not implement ECS " + operation
                    + " (it knows DescribeServices, UpdateService, CreateCluster, RegisterTaskDefinition, CreateService,"
                    + " DescribeTaskDefinition, ListTagsForResource, TagResource and UntagResource)");
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
        JsonNode force = body.get("forceNewDeployment");
        if (force != null && force.asBoolean(false)) {
            service.forcedDeployments++;
            log.detail("forceNewDeployment #" + service.forcedDeployments);
        }
        ObjectNode out = Json.object();
        out.set("service", serviceJson(service));
        return out;
    }

    private ObjectNode listTags(JsonNode body, CallLog log) {
        AccountState.EcsService service = tagged(body, log);
        ObjectNode out = Json.object();
        ArrayNode tags = out.putArray("tags");
        service.tags.forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
        return out;
    }

    private ObjectNode tagResource(JsonNode body, CallLog log) {
        AccountState.EcsService service = tagged(body, log);
        java.util.Map<String, String> added = new java.util.LinkedHashMap<>();
        for (JsonNode tag : body.path("tags")) {
            String key = tag.path("key").asText("");
            String value = tag.path("value").asText("");
            if (key.isEmpty() || key.length() > 128 || value.length() > 256) {
                throw AwsError.client("InvalidParameterException", "Tag keys must be 1-128 characters and values at most 256");
            }
            added.put(key, value);
        }
        java.util.Set<String> keys = new java.util.HashSet<>(service.tags.keySet());
        keys.addAll(added.keySet());
        if (added.isEmpty() || keys.size() > 50) {
            throw AwsError.client("InvalidParameterException", "The request must carry 1 to 50 tags per resource");
        }
        service.tags.putAll(added);
        log.detail(added.toString());
        return Json.object();
    }

    private ObjectNode untagResource(JsonNode body, CallLog log) {
        AccountState.EcsService service = tagged(body, log);
        List<String> removed = new ArrayList<>();
        body.path("tagKeys").forEach(key -> removed.add(key.asText()));
        removed.forEach(service.tags::remove);
        log.detail(String.join(",", removed));
        return Json.object();
    }

    /**
     * ECS tags a service only by its long ARN (…:service/cluster/service); a short one is refused with
     * InvalidParameterException, as https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TagResource.html says.
     */
    private AccountState.EcsService tagged(JsonNode body, CallLog log) {
        String arn = body.path("resourceArn").asText("");
        String prefix = "arn:aws:ecs:" + AccountState.REGION + ":" + AccountState.ACCOUNT_ID + ":service/";
        String[] path = arn.startsWith(prefix) ? arn.substring(prefix.length()).split("/") : new String[0];
        if (path.length != 2) {
            log.subject(arn);
            throw AwsError.client("InvalidParameterException", "Long arn format must be used for tagging operations");
        }
        // Logged as cluster/service, as DescribeServices logs it: the permission check builds the ARN from it.
        log.subject(path[0] + "/" + path[1]);
        AccountState.EcsService service = account.ecsServices.get(path[0] + "/" + path[1]);
        if (service == null) {
            throw AwsError.client("InvalidParameterException", "The specified resource could not be found: " + arn);
        }
        return service;
    }

    private String cluster(JsonNode body) {
        // ECS calls the cluster named "default" when none is given.
        String cluster = lastPart(body.path("cluster").asText("default"));
        if (!account.clusters.contains(cluster)) {
            throw AwsError.client("ClusterNotFoundException", "Cluster not found.");
        }
        return cluster;
    }

    /** CreateCluster on an existing cluster gives that cluster back, as ECS does. */
    private ObjectNode createCluster(JsonNode body, CallLog log) {
        String name = body.path("clusterName").asText("default");
        log.subject(name);
        if (!NAME.matcher(name).matches()) {
            throw AwsError.client("InvalidParameterException", "Cluster name can only contain letters, numbers, hyphens and underscores.");
        }
        log.detail(account.clusters.add(name) ? "created" : "exists");
        long services = account.ecsServices.values().stream().filter(s -> s.cluster.equals(name)).count();
        long tasks = account.ecsServices.values().stream().filter(s -> s.cluster.equals(name)).mapToLong(s -> s.runningCount).sum();
        ObjectNode out = Json.object();
        out.putObject("cluster")
                .put("clusterArn", clusterArn(name))
                .put("clusterName", name)
                .put("status", "ACTIVE")
                .put("registeredContainerInstancesCount", 0)
                .put("runningTasksCount", tasks)
                .put("pendingTasksCount", 0)
                .put("activeServicesCount", services);
        return out;
    }

    /** Each registration is a new revision of the family. Fargate's own rules are checked, as ECS checks them. */
    private ObjectNode registerTaskDefinition(JsonNode body, CallLog log) {
        String family = body.path("family").asText("");
        log.subject(family);
        if (!NAME.matcher(family).matches()) {
            throw AwsError.client("ClientException", "Family contains invalid characters or is empty.");
        }
        JsonNode containers = body.path("containerDefinitions");
        if (!containers.isArray() || containers.isEmpty()) {
            throw AwsError.client("ClientException", "Container list cannot be empty.");
        }
        for (JsonNode container : containers) {
            if (container.path("name").asText("").isEmpty() || container.path("image").asText("").isEmpty()) {
                throw AwsError.client("ClientException", "Container.name and Container.image should not be null or empty.");
            }
        }
        boolean fargate = false;
        for (JsonNode compatibility : body.path("requiresCompatibilities")) {
            fargate |= compatibility.asText().equals("FARGATE");
        }
        if (fargate && !body.path("networkMode").asText("").equals("awsvpc")) {
            throw AwsError.client("ClientException", "Fargate only supports network mode 'awsvpc'.");
        }
        if (fargate && (body.path("cpu").asText("").isEmpty() || body.path("memory").asText("").isEmpty())) {
            throw AwsError.client("ClientException", "Fargate requires that 'cpu' and 'memory' be defined at the task level.");
        }
        List<AccountState.TaskDefinition> revisions = account.taskDefinitions.computeIfAbsent(family, f -> new ArrayList<>());
        ObjectNode registered = ((ObjectNode) body).deepCopy();
        AccountState.TaskDefinition definition = new AccountState.TaskDefinition(family, revisions.size() + 1, registered);
        revisions.add(definition);
        log.detail("revision " + definition.revision());
        ObjectNode out = Json.object();
        ObjectNode json = out.putObject("taskDefinition");
        json.setAll(registered);
        json.put("taskDefinitionArn", definition.arn()).put("revision", definition.revision()).put("status", "ACTIVE")
                .put("registeredAt", Json.epochSeconds(account.now()));
        ArrayNode compatibilities = json.putArray("compatibilities").add("EC2");
        if (fargate) {
            compatibilities.add("FARGATE");
        }
        return out;
    }

    private ObjectNode createService(JsonNode body, CallLog log) {
        String cluster = cluster(body);
        String name = body.path("serviceName").asText("");
        log.subject(cluster + "/" + name);
        if (!NAME.matcher(name).matches()) {
            throw AwsError.client("InvalidParameterException", "Service name can only contain letters, numbers, hyphens and underscores.");
        }
        AccountState.TaskDefinition definition = taskDefinition(body.path("taskDefinition").asText(""));
        boolean awsvpc = definition.registered().path("networkMode").asText("").equals("awsvpc");
        if (awsvpc && body.path("networkConfiguration").path("awsvpcConfiguration").path("subnets").isEmpty()) {
            throw AwsError.client("InvalidParameterException", "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        }
        JsonNode desired = body.path("desiredCount");
        if (!desired.isMissingNode() && (!desired.isIntegralNumber() || desired.asInt() < 0)) {
            throw AwsError.client("InvalidParameterException", "desiredCount must be 0 or more, got " + desired);
        }
        if (account.ecsServices.containsKey(cluster + "/" + name)) {
            throw AwsError.client("InvalidParameterException", "Creation of service was not idempotent.");
        }
        // Tasks start by the next DescribeServices, as after an update.
        AccountState.EcsService service = new AccountState.EcsService(cluster, name, definition.arn(), desired.asInt(0), 0, account.now());
        account.addEcsService(service);
        log.detail("desiredCount " + service.desiredCount + " " + definition.family() + ":" + definition.revision());
        ObjectNode out = Json.object();
        out.set("service", serviceJson(service));
        return out;
    }

    /** A task definition by family (latest revision), family:revision, or ARN. */
    private AccountState.TaskDefinition taskDefinition(String reference) {
        String familyAndRevision = lastPart(reference);
        int colon = familyAndRevision.indexOf(':');
        String family = colon < 0 ? familyAndRevision : familyAndRevision.substring(0, colon);
        List<AccountState.TaskDefinition> revisions = account.taskDefinitions.getOrDefault(family, List.of());
        AccountState.TaskDefinition found = null;
        if (colon < 0 && !revisions.isEmpty()) {
            found = revisions.get(revisions.size() - 1);
        } else if (colon >= 0) {
            String revision = familyAndRevision.substring(colon + 1);
            found = revisions.stream().filter(r -> String.valueOf(r.revision()).equals(revision)).findFirst().orElse(null);
        }
        if (found == null) {
            throw AwsError.client("ClientException", "TaskDefinition not found.");
        }
        return found;
    }

    private static String clusterArn(String cluster) {
        return "arn:aws:ecs:" + AccountState.REGION + ":" + AccountState.ACCOUNT_ID + ":cluster/" + cluster;
    }

    private static ObjectNode serviceJson(AccountState.EcsService service) {
        int pending = Math.max(0, service.desiredCount - service.runningCount);
        ObjectNode json = Json.object()
                .put("serviceArn", service.arn())
                .put("serviceName", service.name)
                .put("clusterArn", clusterArn(service.cluster))
                .put("taskDefinition", service.taskDefinitionArn)
                .put("createdAt", Json.epochSeconds(service.createdAt))
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

    /** A registered task definition as ECS returns it: what was registered, with its ARN, family and revision. */
    private ObjectNode describeTaskDefinition(JsonNode body, CallLog log) {
        String reference = body.path("taskDefinition").asText("");
        log.subject(reference);
        AccountState.TaskDefinition definition = taskDefinition(reference);
        ObjectNode described = definition.registered().deepCopy();
        described.put("taskDefinitionArn", definition.arn()).put("family", definition.family())
                .put("revision", definition.revision()).put("status", "ACTIVE");
        ObjectNode out = Json.object();
        out.set("taskDefinition", described);
        return out;
    }
}
