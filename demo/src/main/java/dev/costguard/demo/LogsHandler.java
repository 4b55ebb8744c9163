package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * CloudWatch Logs' JSON 1.1 API: FilterLogEvents over the log groups the functions write to. The filter pattern is a
 * single term (optionally in double quotes), matched as a substring, which is what the smoke test uses.
 */
final class LogsHandler implements ServiceHandler {

    static final String TARGET_PREFIX = "Logs_20140328.";

    private final AccountState account;

    LogsHandler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "logs";
    }

    @Override
    public List<String> operations() {
        return List.of("FilterLogEvents");
    }

    @Override
    public String operation(AwsRequest request) {
        return request.header("X-Amz-Target").substring(TARGET_PREFIX.length());
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        SchedulerHandler.fireDue(account);
        String operation = operation(request);
        log.operation(operation);
        if (!operation.equals("FilterLogEvents")) {
            throw AwsError.client("UnknownOperationException", "The fake account implements FilterLogEvents only, not " + operation);
        }
        JsonNode body = request.json();
        String group = body.path("logGroupName").asText("");
        long from = body.path("startTime").asLong(0);
        String term = body.path("filterPattern").asText("").replaceAll("^\"|\"$", "");
        log.subject(group).detail("from " + from + " " + term);
        List<DeployedStack.LogEvent> events = account.stack.logGroups.get(group);
        if (events == null) {
            throw AwsError.client("ResourceNotFoundException", "The specified log group does not exist.");
        }
        ObjectNode out = Json.object();
        ArrayNode found = out.putArray("events");
        for (DeployedStack.LogEvent event : events) {
            if (event.at().toEpochMilli() >= from && event.message().contains(term)) {
                found.addObject().put("logStreamName", "2026/12/02/[1]smoke").put("timestamp", event.at().toEpochMilli())
                        .put("message", event.message()).put("ingestionTime", event.at().toEpochMilli());
            }
        }
        out.putArray("searchedLogStreams");
        return AwsResponse.amzJson(out);
    }

    @Override
    public AwsResponse error(AwsError error) {
        return AwsResponse.amzJsonError(error);
    }
}
