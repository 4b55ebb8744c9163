package dev.costguard.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Not AWS: GET /_demo/state summarises the whole account for the demo's before / between / after printout,
 * and GET /_demo/messages lists what was published to SNS.
 */
final class DemoStateHandler implements ServiceHandler {

    static final String PATH_PREFIX = "/_demo/";

    private final AccountState account;

    DemoStateHandler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "demo";
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
    public boolean logged() {
        return false;
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        if (!request.method().equals("GET")) {
            throw new AwsError(405, "MethodNotAllowed", "Only GET is supported on " + request.path());
        }
        return switch (request.path()) {
            case "/_demo/state" -> AwsResponse.text(200, "application/json", Json.pretty(state()) + "\n");
            case "/_demo/messages" -> AwsResponse.text(200, "application/json", Json.pretty(messages()) + "\n");
            default -> throw AwsError.notFound("NotFound", "Unknown demo endpoint " + request.path() + " (try /_demo/state or /_demo/messages)");
        };
    }

    @Override
    public AwsResponse error(AwsError error) {
        return AwsResponse.json(error.status(), Json.object().put("error", error.code()).put("message", error.getMessage()));
    }

    /** Reading the state changes nothing: transitional states only move on by time here, never by being looked at. */
    private ObjectNode state() {
        Instant now = account.now();
        ObjectNode state = Json.object();
        ObjectNode lambda = state.putObject("lambda");
        account.functions.values().forEach(f -> {
            if (f.reservedConcurrency == null) {
                lambda.putNull(f.name);
            } else {
                lambda.put(f.name, f.reservedConcurrency);
            }
        });
        ObjectNode ec2 = state.putObject("ec2");
        account.instances.values().forEach(instance -> {
            ObjectNode json = ec2.putObject(instance.id).put("state", instance.state(now, false).apiName);
            ObjectNode units = json.putObject("services");
            instance.units().forEach(unit -> units.put(unit, instance.unitActive(unit, now) ? "active" : "inactive"));
        });
        ObjectNode cloudfront = state.putObject("cloudfront");
        account.distributions.values().forEach(d -> cloudfront.putObject(d.id)
                .put("enabled", d.enabled)
                .put("status", d.inProgress ? "InProgress" : "Deployed")
                .put("etag", d.etag()));
        ObjectNode ssm = state.putObject("ssm");
        ArrayNode parameters = ssm.putArray("parameters");
        account.parameters.keySet().forEach(parameters::add);
        ssm.put("commands", account.commands.size());
        ssm.put("cancelledCommands", account.commands.values().stream().filter(c -> c.cancelRequested).count());
        ObjectNode ecs = state.putObject("ecs");
        account.ecsServices.values().forEach(s -> ecs.putObject(s.cluster + "/" + s.name)
                .put("desiredCount", s.desiredCount)
                .put("runningCount", s.runningCount));
        ObjectNode scaling = state.putObject("autoscaling");
        account.scalableTargets.values().forEach(t -> scaling.putObject(t.resourceId)
                .put("min", t.minCapacity)
                .put("max", t.maxCapacity));
        ObjectNode efs = state.putObject("efs");
        account.fileSystems.keySet().forEach(id -> {
            ObjectNode targets = efs.putObject(id);
            account.mountTargets.values().stream().filter(t -> t.fileSystemId.equals(id)).forEach(t -> targets
                    .putObject(t.id).put("availabilityZone", t.subnet.availabilityZone()).put("subnetId", t.subnet.id())
                    .put("state", t.state));
        });
        account.ecsServices.values().stream().filter(s -> s.forcedDeployments > 0)
                .forEach(s -> ((ObjectNode) ecs.get(s.cluster + "/" + s.name)).put("forcedDeployments", s.forcedDeployments));
        // The kill switch's prior-state tags, by function name, instance id or distribution id (only items carrying one).
        ObjectNode prior = state.putObject("priorTags");
        account.functions.values().forEach(f -> priorTags(prior, f.name, f.tags));
        account.instances.values().forEach(i -> priorTags(prior, i.id, i.tags));
        account.distributions.values().forEach(d -> priorTags(prior, d.id, d.tags));
        account.ecsServices.values().forEach(s -> priorTags(prior, s.cluster + "/" + s.name, s.tags));
        ObjectNode sns = state.putObject("sns").put("messages", account.published.size());
        ArrayNode topics = sns.putArray("topics");
        account.topics.forEach(topics::add);
        return state;
    }

    private static void priorTags(ObjectNode prior, String resource, java.util.Map<String, String> tags) {
        tags.forEach((key, value) -> {
            if (key.startsWith("cost-guard:prior-")) {
                (prior.has(resource) ? (ObjectNode) prior.get(resource) : prior.putObject(resource)).put(key, value);
            }
        });
    }

    private ArrayNode messages() {
        ArrayNode messages = Json.array();
        account.published.forEach(p -> messages.addObject()
                .put("messageId", p.messageId())
                .put("topicArn", p.topicArn())
                .put("subject", p.subject())
                .put("message", p.message())
                .put("at", p.at().toString()));
        return messages;
    }
}
