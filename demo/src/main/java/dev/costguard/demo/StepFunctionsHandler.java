package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Step Functions' JSON 1.0 API: StartExecution and DescribeExecution. An execution is RUNNING at its first describe and
 * then ends as its state machine is scripted to end ({@link DeployedStack.StateMachine}).
 */
final class StepFunctionsHandler implements ServiceHandler {

    static final String TARGET_PREFIX = "AWSStepFunctions.";
    private static final String JSON_1_0 = "application/x-amz-json-1.0";

    private final AccountState account;

    StepFunctionsHandler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "states";
    }

    @Override
    public List<String> operations() {
        return List.of("StartExecution", "DescribeExecution");
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
        ObjectNode out = switch (operation) {
            case "StartExecution" -> start(body, log);
            case "DescribeExecution" -> describe(body, log);
            default -> throw AwsError.client("UnknownOperationException", "The fake account implements StartExecution and DescribeExecution only");
        };
        return new AwsResponse(200, JSON_1_0, Map.of(), Json.write(out));
    }

    private ObjectNode start(JsonNode body, CallLog log) {
        String machineArn = body.path("stateMachineArn").asText("");
        String name = body.path("name").asText("");
        String input = body.path("input").asText("{}");
        log.subject(machineArn).detail(input);
        DeployedStack.StateMachine machine = account.stack.stateMachines.get(machineArn);
        if (machine == null) {
            throw AwsError.client("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + machineArn + "'");
        }
        try {
            if (!Json.MAPPER.readTree(input).isObject()) {
                throw new IOException("not an object");
            }
        } catch (IOException e) {
            throw AwsError.client("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + input + "'");
        }
        String arn = machineArn.replace(":stateMachine:", ":execution:") + ":" + name;
        if (account.stack.executions.containsKey(arn)) {
            throw AwsError.client("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
        }
        account.stack.executions.put(arn, new DeployedStack.Execution(arn, machine, input, account.now()));
        return Json.object().put("executionArn", arn).put("startDate", account.now().getEpochSecond());
    }

    private ObjectNode describe(JsonNode body, CallLog log) {
        String arn = body.path("executionArn").asText("");
        log.subject(arn);
        DeployedStack.Execution execution = account.stack.executions.get(arn);
        if (execution == null) {
            throw AwsError.client("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
        }
        boolean done = execution.looks++ > 0;
        DeployedStack.StateMachine machine = execution.machine;
        String status = done ? machine.status() : "RUNNING";
        log.detail(status);
        ObjectNode out = Json.object().put("executionArn", arn).put("stateMachineArn", machine.arn()).put("status", status)
                .put("startDate", execution.startedAt.getEpochSecond()).put("input", execution.input);
        if (done && machine.output() != null) {
            out.put("output", machine.output());
        }
        if (done && machine.error() != null) {
            out.put("error", machine.error()).put("cause", machine.cause());
        }
        return out;
    }

    @Override
    public AwsResponse error(AwsError error) {
        return new AwsResponse(error.status(), JSON_1_0, Map.of("x-amzn-ErrorType", error.code()),
                Json.write(Json.object().put("__type", error.code()).put("message", error.getMessage())));
    }
}
