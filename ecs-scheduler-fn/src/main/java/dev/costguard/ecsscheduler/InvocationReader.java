package dev.costguard.ecsscheduler;

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
 * Checks the raw invocation payload before anything touches AWS. It reads the JSON itself rather than letting a
 * data binder fill a class: a binder would quietly turn {@code {"action": 1}} into the text "1" and answer a body
 * that is not JSON with a parser message that names none of the fields the caller should send.
 */
public final class InvocationReader {

    static final String EXPECTED = "expected {\"action\": \"start\"|\"stop\"} with optional "
            + "\"trigger\": \"schedule\"|\"manual\" (default manual) and \"dryRun\": true|false";

    private static final Set<String> FIELDS = Set.of("action", "trigger", "dryRun");
    private static final ObjectMapper READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private InvocationReader() {
    }

    public static EcsSchedulerRequest read(byte[] payload) {
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
        return read(root);
    }

    public static EcsSchedulerRequest read(JsonNode root) {
        if (root == null || root.isNull() || root.isMissingNode()) {
            throw new InvalidInvocationException("the invocation has no payload; " + EXPECTED);
        }
        if (!root.isObject()) {
            throw new InvalidInvocationException("the invocation must be a JSON object, not " + kind(root) + "; "
                    + EXPECTED);
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
        Action action = action(root.get("action"));
        Trigger trigger = trigger(root.get("trigger"));
        JsonNode dryRun = root.get("dryRun");
        if (dryRun != null && !dryRun.isNull() && !dryRun.isBoolean()) {
            throw new InvalidInvocationException("\"dryRun\" must be true or false, not " + kind(dryRun));
        }
        return new EcsSchedulerRequest(action, trigger, dryRun != null && dryRun.asBoolean(false));
    }

    private static Action action(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidInvocationException("the invocation needs \"action\": \"start\" or \"stop\"; " + EXPECTED);
        }
        if (!node.isTextual()) {
            throw new InvalidInvocationException("\"action\" must be the text \"start\" or \"stop\", not " + kind(node));
        }
        for (Action action : Action.values()) {
            if (action.label().equals(node.textValue())) {
                return action;
            }
        }
        throw new InvalidInvocationException("unknown action '" + node.textValue() + "'; expected \"start\" or \"stop\"");
    }

    private static Trigger trigger(JsonNode node) {
        if (node == null || node.isNull()) {
            return Trigger.MANUAL;
        }
        if (!node.isTextual()) {
            throw new InvalidInvocationException("\"trigger\" must be the text \"schedule\" or \"manual\", not "
                    + kind(node));
        }
        for (Trigger trigger : Trigger.values()) {
            if (trigger.label().equals(node.textValue())) {
                return trigger;
            }
        }
        throw new InvalidInvocationException("unknown trigger '" + node.textValue()
                + "'; expected \"schedule\" or \"manual\"");
    }

    private static String kind(JsonNode node) {
        String text = node.toString();
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return switch (node.getNodeType()) {
            case ARRAY -> "an array " + shown;
            case OBJECT -> "an object " + shown;
            case NUMBER -> "the number " + shown;
            case BOOLEAN -> "the boolean " + shown;
            case STRING -> "the string " + shown;
            default -> shown;
        };
    }
}
