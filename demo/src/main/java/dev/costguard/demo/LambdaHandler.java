package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Lambda's REST-JSON concurrency API: reserved concurrency 0 is how a function is throttled. */
final class LambdaHandler implements ServiceHandler {

    /** Lambda reserves room for unreserved functions: at most 1000 - 100 may be reserved in total. */
    private static final int ACCOUNT_CONCURRENCY = 1000;
    private static final int MIN_UNRESERVED = 100;

    private final AccountState account;

    LambdaHandler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "lambda";
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        List<String> segments = request.pathSegments();
        boolean concurrency = segments.size() == 4 && segments.get(1).equals("functions") && segments.get(3).equals("concurrency");
        String route = request.method() + " " + (segments.isEmpty() ? "" : segments.get(0));
        if (!concurrency) {
            throw unknown(request, log);
        }
        switch (route) {
            case "GET 2019-09-30" -> {
                AccountState.LambdaFunction function = function(segments.get(2), log.operation("GetFunctionConcurrency"));
                ObjectNode body = Json.object();
                if (function.reservedConcurrency != null) {
                    body.put("ReservedConcurrentExecutions", function.reservedConcurrency);
                }
                return AwsResponse.json(200, body);
            }
            case "PUT 2017-10-31" -> {
                AccountState.LambdaFunction function = function(segments.get(2), log.operation("PutFunctionConcurrency"));
                JsonNode body = request.json();
                log.detail(Json.write(body));
                int reserved = reservedConcurrency(body);
                checkAccountLimit(function, reserved);
                function.reservedConcurrency = reserved;
                return AwsResponse.json(200, Json.object().put("ReservedConcurrentExecutions", reserved));
            }
            case "DELETE 2017-10-31" -> {
                function(segments.get(2), log.operation("DeleteFunctionConcurrency")).reservedConcurrency = null;
                return AwsResponse.noContent();
            }
            default -> throw unknown(request, log);
        }
    }

    @Override
    public AwsResponse error(AwsError error) {
        ObjectNode body = Json.object().put("Type", error.status() >= 500 ? "Service" : "User").put("Message", error.getMessage());
        return new AwsResponse(error.status(), "application/json", Map.of("x-amzn-ErrorType", error.code()), Json.write(body));
    }

    private AccountState.LambdaFunction function(String nameOrArn, CallLog log) {
        String name = functionName(nameOrArn);
        log.subject(name);
        AccountState.LambdaFunction function = account.functions.get(name);
        if (function == null) {
            throw AwsError.notFound("ResourceNotFoundException", "Function not found: arn:aws:lambda:" + AccountState.REGION + ":"
                    + AccountState.ACCOUNT_ID + ":function:" + name);
        }
        return function;
    }

    /** The API takes a name, a full ARN or a partial ARN (account:function:name), any of them with a qualifier. */
    static String functionName(String nameOrArn) {
        int marker = nameOrArn.indexOf("function:");
        String name = marker < 0 ? nameOrArn : nameOrArn.substring(marker + "function:".length());
        int qualifier = name.indexOf(':');
        return qualifier < 0 ? name : name.substring(0, qualifier);
    }

    private static int reservedConcurrency(JsonNode body) {
        JsonNode value = body.get("ReservedConcurrentExecutions");
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw AwsError.client("InvalidParameterValueException",
                    "ReservedConcurrentExecutions must be a whole number of at least 0, got " + value);
        }
        return value.asInt();
    }

    private void checkAccountLimit(AccountState.LambdaFunction target, int reserved) {
        int others = account.functions.values().stream()
                .filter(f -> f != target && f.reservedConcurrency != null)
                .mapToInt(f -> f.reservedConcurrency)
                .sum();
        if (others + reserved > ACCOUNT_CONCURRENCY - MIN_UNRESERVED) {
            throw AwsError.client("InvalidParameterValueException", "Specified ReservedConcurrentExecutions for function decreases "
                    + "account's UnreservedConcurrentExecution below its minimum value of [" + MIN_UNRESERVED + "].");
        }
    }

    private static AwsError unknown(AwsRequest request, CallLog log) {
        log.subject(request.method() + " " + request.path());
        return AwsError.client("UnknownOperationException",
                "The fake account implements only the Lambda concurrency API, not " + request.method() + " " + request.path());
    }
}
