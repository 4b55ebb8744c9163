package dev.costguard.core.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A checked JSON object of a payload; every accessor refuses a wrong type by naming the field. */
public final class InputObject {

    private final JsonNode node;
    private final String where;
    private final String expected;

    InputObject(JsonNode node, String where, String expected) {
        this.node = node;
        this.where = where;
        this.expected = expected;
    }

    /** True when the field is present and not null. */
    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public Optional<String> text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(name(field) + " must be a string, not " + InputReader.kind(value) + "; "
                    + expected);
        }
        return Optional.of(value.textValue());
    }

    /** A string that must be present and not blank; {@code why} says what it is for. */
    public String requiredText(String field, String why) {
        String value = text(field).orElseThrow(() -> new InvalidInputException(
                where + " needs " + quoted(field) + " (" + why + "); " + expected));
        if (value.isBlank()) {
            throw new InvalidInputException(name(field) + " must not be empty (" + why + "); " + expected);
        }
        return value.strip();
    }

    /** Only JSON true and false are booleans: "true", 1 and 0 are refused, so 0 never means a real shutdown. */
    public Optional<Boolean> bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw new InvalidInputException(name(field) + " must be true or false, not " + InputReader.kind(value)
                    + "; " + expected);
        }
        return Optional.of(value.booleanValue());
    }

    /** One of a fixed set of words, e.g. "start" or "stop". */
    public <E> Optional<E> choice(String field, Map<String, E> choices) {
        return text(field).map(word -> {
            E chosen = choices.get(word);
            if (chosen == null) {
                throw new InvalidInputException("unknown " + quoted(field) + " '" + word + "' in " + where
                        + "; expected one of " + choices.keySet().stream().sorted().map(InputObject::quoted).toList());
            }
            return chosen;
        });
    }

    /** A nested object with only the given fields. */
    public Optional<InputObject> object(String field, Set<String> fields) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(InputReader.object(value, name(field), expected, fields));
    }

    /** An array field; its elements are checked by the caller. */
    public Optional<JsonNode> array(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw new InvalidInputException(name(field) + " must be an array, not " + InputReader.kind(value) + "; "
                    + expected);
        }
        return Optional.of(value);
    }

    public String where() {
        return where;
    }

    public String expected() {
        return expected;
    }

    private String name(String field) {
        return where.equals("the invocation") ? quoted(field) : where + "." + field;
    }

    private static String quoted(String field) {
        return "\"" + field + "\"";
    }
}
