package dev.costguard.efsscaler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Checks the raw invocation before anything is counted or called. The EventBridge rule sends the constant input
 * {@code {"trigger": "schedule"}} (set explicitly in Terraform, so the scheduled-event envelope never arrives);
 * a person may send {@code {"dryRun": true}}.
 */
public final class InvocationReader {

    static final String EXPECTED = "expected {\"trigger\": \"schedule\"|\"manual\" (default manual), "
            + "\"dryRun\": true|false (default false)}";

    private static final Set<String> FIELDS = Set.of("trigger", "dryRun");
    private static final ObjectMapper READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private InvocationReader() {
    }

    public static EfsScalerRequest read(byte[] payload) {
        if (payload == null || new String(payload, StandardCharsets.UTF_8).isBlank()) {
            throw new InvalidInvocationException("the invocation has no payload; " + EXPECTED);
        }
        JsonNode root;
        try {
            root = READER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidInvocationException("the invocation is not JSON (" + e.getOriginalMessage() + "); "
                    + EXPECTED);
        } catch (java.io.IOException e) {
            throw new InvalidInvocationException("the invocation could not be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInvocationException("the invocation must be a JSON object, not " + root + "; " + EXPECTED);
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInvocationException("unknown field(s) " + unknown + " in the invocation; " + EXPECTED);
        }
        Trigger trigger = Trigger.MANUAL;
        JsonNode triggerNode = root.get("trigger");
        if (triggerNode != null && !triggerNode.isNull()) {
            if (!triggerNode.isTextual()) {
                throw new InvalidInvocationException("\"trigger\" must be the text \"schedule\" or \"manual\", not "
                        + triggerNode + "; " + EXPECTED);
            }
            trigger = switch (triggerNode.textValue()) {
                case "schedule" -> Trigger.SCHEDULE;
                case "manual" -> Trigger.MANUAL;
                default -> throw new InvalidInvocationException("unknown trigger '" + triggerNode.textValue()
                        + "'; " + EXPECTED);
            };
        }
        JsonNode dryRun = root.get("dryRun");
        if (dryRun != null && !dryRun.isNull() && !dryRun.isBoolean()) {
            throw new InvalidInvocationException("\"dryRun\" must be true or false, not " + dryRun + "; " + EXPECTED);
        }
        return new EfsScalerRequest(trigger, dryRun != null && dryRun.asBoolean(false));
    }
}
