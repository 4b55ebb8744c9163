package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SSM over JSON 1.1: Run Command against the relay host, and Parameter Store for the shutdown snapshot. */
final class SsmHandler implements ServiceHandler {

    static final String TARGET_PREFIX = "AmazonSSM.";

    private static final Pattern SYSTEMCTL = Pattern.compile("systemctl\\s+(?:--\\S+\\s+)*(stop|start|restart)\\s+([\\w@.:-]+)");
    /** Standard parameters hold 4 KB, advanced ones 8 KB; a snapshot that outgrows the tier must fail here as in AWS. */
    private static final int STANDARD_LIMIT = 4096;
    private static final int ADVANCED_LIMIT = 8192;

    private final AccountState account;

    SsmHandler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "ssm";
    }

    @Override
    public List<String> operations() {
        return List.of("SendCommand", "GetCommandInvocation", "GetParameter", "PutParameter", "DeleteParameter",
                "DescribeInstanceInformation");
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
            case "SendCommand" -> sendCommand(body, log);
            case "GetCommandInvocation" -> getCommandInvocation(body, log);
            case "CancelCommand" -> cancelCommand(body, log);
            case "GetParameter" -> getParameter(body, log);
            case "PutParameter" -> putParameter(body, log);
            case "DeleteParameter" -> deleteParameter(body, log);
            case "DescribeInstanceInformation" -> describeInstanceInformation(body, log);
            default -> throw AwsError.client("UnknownOperationException", "The fake account does not implement AmazonSSM." + operation
                    + " (it knows SendCommand, GetCommandInvocation, CancelCommand, GetParameter, PutParameter, DeleteParameter, DescribeInstanceInformation)");
        });
    }

    @Override
    public AwsResponse error(AwsError error) {
        return AwsResponse.amzJsonError(error);
    }

    private ObjectNode sendCommand(JsonNode body, CallLog log) {
        List<String> instanceIds = strings(body.path("InstanceIds"));
        List<String> lines = strings(body.path("Parameters").path("commands"));
        log.subject(String.join(",", instanceIds)).detail(Json.write(Json.MAPPER.valueToTree(lines)));
        if (instanceIds.isEmpty()) {
            throw AwsError.client("ValidationException", "The fake account needs InstanceIds (it does not resolve Targets)");
        }
        Instant now = account.now();
        List<Instance> instances = new ArrayList<>();
        for (String id : instanceIds) {
            Instance instance = account.instances.get(id);
            // SSM only reaches instances whose agent is online, i.e. running ones.
            if (instance == null || instance.state(now, false) != Instance.State.RUNNING) {
                throw AwsError.client("InvalidInstanceId", "Instances [[" + id + "]] not in a valid state for account " + AccountState.ACCOUNT_ID);
            }
            instances.add(instance);
        }
        for (Instance instance : instances) {
            lines.forEach(line -> applySystemctl(instance, line));
        }
        String documentName = body.path("DocumentName").asText("AWS-RunShellScript");
        AccountState.Command command = new AccountState.Command(UUID.randomUUID().toString(), instanceIds, lines,
                body.path("Comment").asText(""), documentName, now);
        account.commands.put(command.id, command);
        ObjectNode out = Json.object();
        ObjectNode json = out.putObject("Command")
                .put("CommandId", command.id)
                .put("DocumentName", documentName)
                .put("DocumentVersion", "$DEFAULT")
                .put("Comment", command.comment)
                .put("ExpiresAfter", Json.epochSeconds(now.plus(1, ChronoUnit.HOURS)))
                .put("RequestedDateTime", Json.epochSeconds(now))
                .put("Status", "Pending")
                .put("StatusDetails", "Pending")
                .put("TimeoutSeconds", body.path("TimeoutSeconds").asInt(3600))
                .put("TargetCount", instanceIds.size())
                .put("CompletedCount", 0)
                .put("ErrorCount", 0)
                .put("DeliveryTimedOutCount", 0);
        json.putObject("Parameters").set("commands", Json.MAPPER.valueToTree(lines));
        json.set("InstanceIds", Json.MAPPER.valueToTree(instanceIds));
        json.putArray("Targets");
        return out;
    }

    /** The host runs systemd; commands take effect when sent, which is close enough for a shell line that returns at once. */
    private static void applySystemctl(Instance instance, String line) {
        Matcher matcher = SYSTEMCTL.matcher(line);
        while (matcher.find()) {
            String unit = matcher.group(2).replaceFirst("\\.service$", "");
            if (instance.hasUnit(unit)) {
                instance.setUnitStopped(unit, matcher.group(1).equals("stop"));
            }
        }
    }

    private ObjectNode getCommandInvocation(JsonNode body, CallLog log) {
        String commandId = Json.required(body, "CommandId");
        String instanceId = Json.required(body, "InstanceId");
        log.subject(commandId + " " + instanceId);
        AccountState.Command command = account.commands.get(commandId);
        if (command == null || !command.instanceIds.contains(instanceId) || command.polls.merge(instanceId, 1, Integer::sum) == 1) {
            throw AwsError.client("InvocationDoesNotExist", "An invocation of command " + commandId + " on " + instanceId + " does not exist");
        }
        log.detail("Success");
        String started = command.requestedAt.truncatedTo(ChronoUnit.MILLIS).toString();
        ObjectNode out = Json.object()
                .put("CommandId", commandId)
                .put("InstanceId", instanceId)
                .put("Comment", command.comment)
                .put("DocumentName", command.documentName)
                .put("DocumentVersion", "$DEFAULT")
                .put("PluginName", "aws:runShellScript")
                .put("ResponseCode", 0)
                // These three are plain strings in the SSM model, not timestamps.
                .put("ExecutionStartDateTime", started)
                .put("ExecutionElapsedTime", "PT0.05S")
                .put("ExecutionEndDateTime", started)
                .put("Status", "Success")
                .put("StatusDetails", "Success")
                .put("StandardOutputContent", "")
                .put("StandardOutputUrl", "")
                .put("StandardErrorContent", "")
                .put("StandardErrorUrl", "");
        out.putObject("CloudWatchOutputConfig").put("CloudWatchLogGroupName", "").put("CloudWatchOutputEnabled", false);
        return out;
    }

    /** The fake's commands finish when sent, so a cancel finds them done and, as in SSM, leaves them as they ended. */
    private ObjectNode cancelCommand(JsonNode body, CallLog log) {
        String commandId = Json.required(body, "CommandId");
        List<String> instanceIds = strings(body.path("InstanceIds"));
        log.subject(commandId + (instanceIds.isEmpty() ? "" : " " + String.join(",", instanceIds)));
        AccountState.Command command = account.commands.get(commandId);
        if (command == null) {
            throw AwsError.client("InvalidCommandId", "Command " + commandId + " does not exist");
        }
        for (String id : instanceIds) {
            if (!command.instanceIds.contains(id)) {
                throw AwsError.client("InvalidInstanceId", "Command " + commandId + " was not sent to " + id);
            }
        }
        command.cancelRequested = true;
        return Json.object();
    }

    private ObjectNode getParameter(JsonNode body, CallLog log) {
        String name = Json.required(body, "Name");
        log.subject(name);
        AccountState.Parameter parameter = existing(name);
        ObjectNode out = Json.object();
        out.putObject("Parameter")
                .put("Name", parameter.name)
                .put("Type", parameter.type)
                .put("Value", parameter.value)
                .put("Version", parameter.version)
                .put("LastModifiedDate", Json.epochSeconds(parameter.lastModified))
                .put("ARN", "arn:aws:ssm:" + AccountState.REGION + ":" + AccountState.ACCOUNT_ID + ":parameter"
                        + (name.startsWith("/") ? "" : "/") + name)
                .put("DataType", "text");
        return out;
    }

    private ObjectNode putParameter(JsonNode body, CallLog log) {
        String name = Json.required(body, "Name");
        String value = Json.required(body, "Value");
        boolean overwrite = body.path("Overwrite").asBoolean(false);
        log.subject(name).detail("(" + value.length() + " chars" + (overwrite ? ", overwrite" : "") + ")");
        AccountState.Parameter parameter = account.parameters.get(name);
        if (parameter != null && !overwrite) {
            throw AwsError.client("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the "
                    + "overwrite option in the request to true.");
        }
        String tier = tier(body.path("Tier").asText("Standard"), value, parameter);
        if (parameter == null) {
            parameter = new AccountState.Parameter(name);
            account.parameters.put(name, parameter);
        }
        parameter.type = body.path("Type").asText(parameter.type == null ? "String" : parameter.type);
        parameter.value = value;
        parameter.tier = tier;
        parameter.version++;
        parameter.lastModified = account.now();
        return Json.object().put("Version", parameter.version).put("Tier", tier);
    }

    private static String tier(String requested, String value, AccountState.Parameter existing) {
        int size = value.getBytes(StandardCharsets.UTF_8).length;
        String tier = switch (requested) {
            case "Intelligent-Tiering" -> size > STANDARD_LIMIT ? "Advanced" : "Standard";
            case "Advanced", "Standard" -> requested;
            default -> throw AwsError.client("ValidationException", "Tier must be Standard, Advanced or Intelligent-Tiering, got " + requested);
        };
        if (existing != null && "Advanced".equals(existing.tier)) {
            tier = "Advanced"; // an advanced parameter cannot go back to standard
        }
        if (tier.equals("Standard") && size > STANDARD_LIMIT) {
            throw AwsError.client("ValidationException", "Standard tier parameters support a maximum parameter value of "
                    + STANDARD_LIMIT + " characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.");
        }
        if (size > ADVANCED_LIMIT) {
            throw AwsError.client("ValidationException", "Advanced tier parameters support a maximum parameter value of " + ADVANCED_LIMIT + " characters.");
        }
        return tier;
    }

    private ObjectNode deleteParameter(JsonNode body, CallLog log) {
        String name = Json.required(body, "Name");
        log.subject(name);
        existing(name);
        account.parameters.remove(name);
        return Json.object();
    }

    private AccountState.Parameter existing(String name) {
        AccountState.Parameter parameter = account.parameters.get(name);
        if (parameter == null) {
            throw AwsError.client("ParameterNotFound", "Parameter " + name + " not found.");
        }
        return parameter;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array instanceof ArrayNode items) {
            items.forEach(item -> values.add(item.asText()));
        }
        return values;
    }

    /** The instances SSM manages, filtered by InstanceIds (the only filter the fake knows), with their ping status. */
    private ObjectNode describeInstanceInformation(JsonNode body, CallLog log) {
        List<String> ids = new ArrayList<>();
        for (JsonNode filter : body.path("Filters")) {
            if (!"InstanceIds".equals(filter.path("Key").asText())) {
                throw AwsError.client("InvalidFilterKey", "The fake account filters instance information by InstanceIds only, not "
                        + filter.path("Key").asText());
            }
            filter.path("Values").forEach(v -> ids.add(v.asText()));
        }
        log.subject(ids.isEmpty() ? "*" : String.join(",", ids));
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("InstanceInformationList");
        account.stack.managedInstances.forEach((id, ping) -> {
            if (ids.isEmpty() || ids.contains(id)) {
                list.addObject().put("InstanceId", id).put("PingStatus", ping).put("AgentVersion", "3.3.1142.0")
                        .put("PlatformType", "Linux").put("PlatformName", "Amazon Linux").put("ResourceType", "EC2Instance");
            }
        });
        log.detail(list.size() + " managed");
        return out;
    }
}
