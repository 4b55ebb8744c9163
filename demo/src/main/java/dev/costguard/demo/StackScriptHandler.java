package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Not AWS: scripts what the deployed stack does, for tests and demos of `make doctor` and `make smoke`.
 * <pre>
 * POST /_demo/answers {"function": "costguard-demo-shutdown", "payload": "{...}", "functionError": "Unhandled" (optional)}
 * POST /_demo/lambda-quota {"concurrencyLimit": 10}
 * POST /_demo/untrust-role {"roleArn": "arn:aws:iam::123456789012:role/..."}   (Scheduler can no longer assume it)
 * </pre>
 */
final class StackScriptHandler implements ServiceHandler {

    static final String ANSWERS = "/_demo/answers";
    static final String QUOTA = "/_demo/lambda-quota";
    static final String UNTRUST = "/_demo/untrust-role";

    private final AccountState account;

    StackScriptHandler(AccountState account) {
        this.account = account;
    }

    static boolean handles(String path) {
        return path.equals(ANSWERS) || path.equals(QUOTA) || path.equals(UNTRUST);
    }

    @Override
    public String name() {
        return "stack-script";
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
        return request.path();
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        if (!request.method().equals("POST")) {
            throw AwsError.client("MethodNotAllowed", request.path() + " takes POST");
        }
        JsonNode body = request.json();
        if (request.path().equals(QUOTA)) {
            only(body, Set.of("concurrencyLimit"));
            JsonNode limit = body.path("concurrencyLimit");
            if (!limit.isIntegralNumber() || limit.asInt() < 1) {
                throw AwsError.client("ValidationException", "concurrencyLimit must be a whole number of at least 1");
            }
            account.stack.concurrencyLimit = limit.asInt();
            return AwsResponse.json(200, Json.object().put("concurrencyLimit", limit.asInt()));
        }
        if (request.path().equals(UNTRUST)) {
            only(body, Set.of("roleArn"));
            if (!account.stack.schedulerRoles.remove(body.path("roleArn").asText(""))) {
                throw AwsError.client("ValidationException", "no role trusted by Scheduler is named " + body.path("roleArn"));
            }
            return AwsResponse.json(200, Json.object().put("untrusted", body.path("roleArn").asText()));
        }
        only(body, Set.of("function", "payload", "functionError"));
        String function = body.path("function").asText("");
        if (!account.functions.containsKey(function) || !body.path("payload").isTextual()) {
            throw AwsError.client("ValidationException", "expected {\"function\": \"<an existing function>\", \"payload\": \"<text>\", "
                    + "\"functionError\": \"Unhandled\" (optional)}");
        }
        account.stack.answers.put(function, new DeployedStack.Answer(body.get("payload").asText(),
                body.hasNonNull("functionError") ? body.get("functionError").asText() : null));
        return AwsResponse.json(200, Json.object().put("function", function));
    }

    private static void only(JsonNode body, Set<String> fields) {
        body.fieldNames().forEachRemaining(field -> {
            if (!fields.contains(field)) {
                throw AwsError.client("ValidationException", "unknown field '" + field + "'; expected " + fields);
            }
        });
    }

    @Override
    public AwsResponse error(AwsError error) {
        return AwsResponse.amzJsonError(error);
    }
}
