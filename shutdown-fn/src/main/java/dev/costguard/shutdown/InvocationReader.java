package dev.costguard.shutdown;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.core.input.InputObject;
import dev.costguard.core.input.InputReader;
import dev.costguard.core.input.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the raw invocation payload before anything touches AWS: an SNS event or a manual
 * {@code {"reason": "...", "dryRun": true|false}}, through core's strict reader. Only the fields the kill switch
 * acts on are checked inside an SNS record; the rest of what SNS sends (MessageId, Signature, ...) is left alone,
 * so a real SNS event is never refused for a field AWS adds.
 */
public final class InvocationReader {

    static final String EXPECTED = "expected an SNS event {\"Records\": [{\"EventSource\": \"aws:sns\", \"Sns\": "
            + "{\"TopicArn\": \"...\"}}]} or a manual invocation {\"reason\": \"...\", \"dryRun\": true|false}";

    private static final Set<String> FIELDS = Set.of("Records", "reason", "dryRun");

    private InvocationReader() {
    }

    public static ShutdownRequest read(byte[] payload) {
        InputObject invocation = InputReader.object(payload, EXPECTED, FIELDS);
        if (invocation.has("Records")) {
            if (invocation.has("reason") || invocation.has("dryRun")) {
                throw new InvalidInputException("an SNS event cannot also carry \"reason\" or \"dryRun\"; " + EXPECTED);
            }
            return ShutdownRequest.fromSns(topicArns(invocation.array("Records").orElseThrow()));
        }
        if (!invocation.has("reason") && !invocation.has("dryRun")) {
            throw new InvalidInputException("the invocation is empty; " + EXPECTED);
        }
        String reason = invocation.requiredText("reason", "why the kill switch is run by hand");
        boolean dryRun = invocation.bool("dryRun").orElseThrow(() -> new InvalidInputException(
                "a manual invocation needs \"dryRun\": true or false (a real shutdown must be asked for explicitly); "
                        + EXPECTED));
        return ShutdownRequest.manual(reason, dryRun);
    }

    private static List<String> topicArns(JsonNode records) {
        if (records.isEmpty()) {
            throw new InvalidInputException("the SNS event has no records; " + EXPECTED);
        }
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String where = "Records[" + i + "]";
            JsonNode record = records.get(i);
            if (!record.isObject()) {
                throw new InvalidInputException(where + " must be a JSON object, not " + InputReader.kind(record)
                        + "; " + EXPECTED);
            }
            JsonNode source = record.get("EventSource");
            if (source != null && !source.isNull() && !"aws:sns".equals(source.asText(null))) {
                throw new InvalidInputException(where + ".EventSource is " + InputReader.kind(source)
                        + ", not \"aws:sns\"; " + EXPECTED);
            }
            JsonNode sns = record.get("Sns");
            if (sns == null || !sns.isObject()) {
                throw new InvalidInputException(where + " has no \"Sns\" object; " + EXPECTED);
            }
            JsonNode arn = sns.get("TopicArn");
            if (arn == null || !arn.isTextual() || arn.textValue().isBlank()) {
                throw new InvalidInputException(where + ".Sns.TopicArn must be the topic's ARN"
                        + (arn == null ? "" : ", not " + InputReader.kind(arn)) + "; " + EXPECTED);
            }
            arns.add(arn.textValue());
        }
        return arns;
    }
}
