package dev.costguard.core.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The one strict reader for every trigger payload. It reads the JSON tree itself rather than letting a data binder
 * fill a class: a binder turns {@code "dryRun": "true"} or {@code 1} into true, accepts trailing garbage and answers
 * a body that is not JSON with a parser message that names nothing the caller should send.
 */
public final class InputReader {

    private static final ObjectMapper READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private InputReader() {
    }

    /** Parses a raw payload; {@code expected} is quoted in every error ("expected {...}"). */
    public static JsonNode parse(byte[] payload, String expected) {
        if (payload == null || new String(payload, StandardCharsets.UTF_8).isBlank()) {
            throw new InvalidInputException("the invocation has no payload; " + expected);
        }
        JsonNode root;
        try {
            root = READER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the invocation is not JSON (" + e.getOriginalMessage() + "); " + expected);
        } catch (IOException e) {
            throw new InvalidInputException("the invocation could not be read (" + e.getMessage() + "); " + expected);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            throw new InvalidInputException("the invocation has no payload; " + expected);
        }
        return root;
    }

    /** The payload as an object holding only the given fields. */
    public static InputObject object(byte[] payload, String expected, Set<String> fields) {
        return object(parse(payload, expected), "the invocation", expected, fields);
    }

    /**
     * A node that must be an object with only the given fields; {@code where} names it in errors
     * ("the invocation", "Records[0]").
     */
    public static InputObject object(JsonNode node, String where, String expected, Set<String> fields) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new InvalidInputException(where + " is missing; " + expected);
        }
        if (!node.isObject()) {
            throw new InvalidInputException(where + " must be a JSON object, not " + kind(node) + "; " + expected);
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!fields.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("unknown field(s) " + unknown + " in " + where + "; " + expected);
        }
        return new InputObject(node, where, expected);
    }

    /** How a JSON value is named in an error: its type and (shortened) text. */
    public static String kind(JsonNode node) {
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
