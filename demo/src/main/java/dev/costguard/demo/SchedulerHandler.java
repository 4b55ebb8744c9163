package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge Scheduler's REST API: GetSchedule, CreateSchedule, DeleteSchedule. A one-off {@code at()} schedule fires
 * once its time has come (checked whenever Scheduler or CloudWatch Logs is called, so a caller waiting for its effect
 * sees it): Scheduler assumes the schedule's role, which works only for a role that trusts Scheduler, and invokes the
 * Lambda target, which leaves the function's report in its log group; with ActionAfterCompletion DELETE the schedule
 * is then gone.
 */
final class SchedulerHandler implements ServiceHandler {

    static final String PATH_PREFIX = "/schedules/";
    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
    private static final Pattern LAMBDA_TARGET = Pattern.compile("arn:aws:lambda:[a-z0-9-]+:\\d{12}:function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?");

    private final AccountState account;

    SchedulerHandler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "scheduler";
    }

    @Override
    public List<String> operations() {
        return List.of("GetSchedule", "CreateSchedule", "DeleteSchedule");
    }

    @Override
    public String operation(AwsRequest request) {
        if (request.pathSegments().size() != 2) {
            return "?";
        }
        return switch (request.method()) {
            case "GET" -> "GetSchedule";
            case "POST" -> "CreateSchedule";
            case "DELETE" -> "DeleteSchedule";
            default -> "?";
        };
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        fireDue(account);
        String operation = operation(request);
        log.operation(operation);
        if (operation.equals("?")) {
            log.subject(request.method() + " " + request.path());
            throw new AwsError(400, "ValidationException", "The fake account implements GetSchedule, CreateSchedule and DeleteSchedule only");
        }
        String name = request.pathSegments().get(1);
        if (operation.equals("CreateSchedule")) {
            return create(name, request.json(), log);
        }
        String group = request.query().getOrDefault("groupName", "default");
        log.subject(group + "/" + name);
        DeployedStack.Schedule schedule = account.stack.schedules.get(group + "/" + name);
        if (schedule == null) {
            throw new AwsError(404, "ResourceNotFoundException", "Schedule " + name + " does not exist.");
        }
        if (operation.equals("DeleteSchedule")) {
            account.stack.schedules.remove(group + "/" + name);
            return AwsResponse.json(200, Json.object());
        }
        ObjectNode out = Json.object().put("Name", schedule.name).put("GroupName", schedule.group)
                .put("Arn", arn(schedule.group, schedule.name)).put("State", "ENABLED")
                .put("ScheduleExpression", schedule.expression).put("ActionAfterCompletion", schedule.actionAfterCompletion);
        out.putObject("FlexibleTimeWindow").put("Mode", "OFF");
        out.putObject("Target").put("Arn", schedule.targetArn).put("RoleArn", schedule.roleArn).put("Input", schedule.input);
        return AwsResponse.json(200, out);
    }

    private AwsResponse create(String name, JsonNode body, CallLog log) {
        String group = body.path("GroupName").asText("default");
        log.subject(group + "/" + name);
        String expression = body.path("ScheduleExpression").asText("");
        JsonNode target = body.path("Target");
        if (expression.isEmpty() || !target.hasNonNull("Arn") || !target.hasNonNull("RoleArn") || !body.has("FlexibleTimeWindow")) {
            throw new AwsError(400, "ValidationException", "ScheduleExpression, FlexibleTimeWindow, Target.Arn and Target.RoleArn are required");
        }
        if (expression.startsWith("at(") && !AT.matcher(expression).matches()) {
            throw new AwsError(400, "ValidationException", "Invalid Schedule Expression " + expression);
        }
        if (account.stack.schedules.containsKey(group + "/" + name)) {
            throw new AwsError(409, "ConflictException", "Schedule " + name + " already exists.");
        }
        log.detail(expression + " -> " + target.path("Arn").asText() + " as " + target.path("RoleArn").asText());
        account.stack.schedules.put(group + "/" + name, new DeployedStack.Schedule(group, name, expression, target.path("Arn").asText(),
                target.path("RoleArn").asText(), target.path("Input").asText(null), body.path("ActionAfterCompletion").asText("NONE")));
        return AwsResponse.json(200, Json.object().put("ScheduleArn", arn(group, name)));
    }

    /** Fires every one-off schedule whose time has come; runs under the account lock. */
    static void fireDue(AccountState account) {
        Instant now = account.now();
        for (DeployedStack.Schedule schedule : new ArrayList<>(account.stack.schedules.values())) {
            Matcher at = AT.matcher(schedule.expression);
            if (schedule.fired || !at.matches() || at(at.group(1)).isAfter(now)) {
                continue;
            }
            schedule.fired = true;
            Matcher target = LAMBDA_TARGET.matcher(schedule.targetArn);
            // A role that does not trust Scheduler cannot be assumed: nothing is invoked (AWS retries, then drops it).
            if (account.stack.schedulerRoles.contains(schedule.roleArn) && target.matches()
                    && account.functions.containsKey(target.group(1))) {
                try {
                    new FunctionInvocations(account).run(target.group(1), target.group(2) == null ? "$LATEST" : target.group(2),
                            schedule.input == null ? "{}" : schedule.input);
                } catch (AwsError e) {
                    // The target's alias is missing: the invocation failed, as Scheduler's would.
                }
            }
            if ("DELETE".equals(schedule.actionAfterCompletion)) {
                account.stack.schedules.remove(schedule.group + "/" + schedule.name);
            }
        }
    }

    private static Instant at(String time) {
        try {
            return LocalDateTime.parse(time).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Instant.MAX;
        }
    }

    private static String arn(String group, String name) {
        return "arn:aws:scheduler:" + AccountState.REGION + ":" + AccountState.ACCOUNT_ID + ":schedule/" + group + "/" + name;
    }

    @Override
    public AwsResponse error(AwsError error) {
        return new AwsResponse(error.status(), "application/json", Map.of("x-amzn-ErrorType", error.code()),
                Json.write(Json.object().put("Message", error.getMessage())));
    }
}
