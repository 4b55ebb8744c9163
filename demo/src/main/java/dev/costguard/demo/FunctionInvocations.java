package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;

/**
 * Lambda Invoke on the fake account: nothing runs, the function answers what {@link DeployedStack#answers} says it
 * answers (a Cost Guard function's dry-run report by default), and a report it returns is also logged to its log
 * group as the real functions log theirs (one "run_report" line), so a caller can find the run afterwards.
 */
final class FunctionInvocations {

    private final AccountState account;

    FunctionInvocations(AccountState account) {
        this.account = account;
    }

    AwsResponse invoke(AccountState.LambdaFunction function, AwsRequest request, CallLog log) {
        String qualifier = request.query().getOrDefault("Qualifier", "$LATEST");
        String type = request.header("X-Amz-Invocation-Type") == null ? "RequestResponse" : request.header("X-Amz-Invocation-Type");
        log.detail(qualifier + " " + type + " " + request.body());
        if (!type.equals("RequestResponse")) {
            throw AwsError.client("InvalidParameterValueException", "The fake account invokes RequestResponse only, not " + type);
        }
        DeployedStack.Answer answer = run(function.name, qualifier, request.body());
        AwsResponse response = AwsResponse.text(200, "application/json", answer.payload()).withHeader("X-Amz-Executed-Version", "1");
        return answer.functionError() == null ? response : response.withHeader("X-Amz-Function-Error", answer.functionError());
    }

    /** One run of the function's qualifier (an alias, or $LATEST): what it answers, and its report line in its log group. */
    DeployedStack.Answer run(String functionName, String qualifier, String input) {
        if (!qualifier.equals("$LATEST") && !account.stack.aliases.contains(functionName + ":" + qualifier)) {
            throw AwsError.notFound("ResourceNotFoundException", "Function not found: arn:aws:lambda:" + AccountState.REGION + ":"
                    + AccountState.ACCOUNT_ID + ":function:" + functionName + ":" + qualifier);
        }
        DeployedStack.Answer answer = account.stack.answers.getOrDefault(functionName, new DeployedStack.Answer("null", null));
        ObjectNode line = reportLine(answer.payload());
        if (line != null) {
            line.put("input", input);
            account.stack.logGroups.computeIfAbsent("/aws/lambda/" + functionName, g -> new ArrayList<>())
                    .add(new DeployedStack.LogEvent(account.now(), Json.write(line)));
        }
        return answer;
    }

    /** The "run_report" log line of a returned report; null when the answer is no report (an error document, null). */
    private static ObjectNode reportLine(String payload) {
        try {
            JsonNode report = Json.MAPPER.readTree(payload);
            if (report == null || !report.isObject() || !report.has("overall_success")) {
                return null;
            }
            ObjectNode line = Json.object().put("event", "run_report");
            line.setAll((ObjectNode) report);
            return line;
        } catch (IOException e) {
            return null;
        }
    }
}
