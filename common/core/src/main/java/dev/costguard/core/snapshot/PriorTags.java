package dev.costguard.core.snapshot;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prior state as tags on the resource itself, the backup of the snapshot: written by the kill switch before it
 * changes an item (only when the item carries none yet), read when the snapshot lacks the item, removed once
 * recovery has put the item back. Values are strings, as every tag value is.
 */
public final class PriorTags {

    public static final String PREFIX = "cost-guard:prior-";
    /** A function's reserved concurrency before the change: a number, or {@value #NONE} for the unreserved pool. */
    public static final String RESERVED_CONCURRENCY = PREFIX + "reserved-concurrency";
    /** An instance's state before the change, AWS's name for it ("running"). */
    public static final String STATE = PREFIX + "state";
    /** A distribution's Enabled flag before the change: "true" or "false". */
    public static final String ENABLED = PREFIX + "enabled";
    /** When the value beside it was recorded (ISO-8601), so a report can say which run recorded it. */
    public static final String RECORDED_AT = PREFIX + "recorded-at";
    public static final String NONE = "none";

    public static final List<String> FUNCTION_KEYS = List.of(RESERVED_CONCURRENCY, RECORDED_AT);
    public static final List<String> INSTANCE_KEYS = List.of(STATE, RECORDED_AT);
    public static final List<String> DISTRIBUTION_KEYS = List.of(ENABLED, RECORDED_AT);

    /** A prior value found in tags and when it was recorded ("an unknown time" when that tag is missing). */
    public record Found<T>(T value, String recordedAt) {
    }

    private PriorTags() {
    }

    public static Map<String, String> function(Integer reservedConcurrency, Instant recordedAt) {
        return tags(RESERVED_CONCURRENCY, reservedConcurrency == null ? NONE : reservedConcurrency.toString(), recordedAt);
    }

    public static Map<String, String> instance(String state, Instant recordedAt) {
        return tags(STATE, state, recordedAt);
    }

    public static Map<String, String> distribution(boolean enabled, Instant recordedAt) {
        return tags(ENABLED, Boolean.toString(enabled), recordedAt);
    }

    /**
     * The reserved concurrency a function's tags record (a null value: it had none), empty when it carries no such
     * tag; a value that is neither a count nor {@value #NONE} is refused with the tag named.
     */
    public static Optional<Found<Integer>> function(Map<String, String> tags) {
        String value = tags.get(RESERVED_CONCURRENCY);
        if (value == null) {
            return Optional.empty();
        }
        if (value.equals(NONE)) {
            return Optional.of(new Found<>(null, recordedAt(tags)));
        }
        try {
            int reserved = Integer.parseInt(value);
            if (reserved < 0) {
                throw new NumberFormatException();
            }
            return Optional.of(new Found<>(reserved, recordedAt(tags)));
        } catch (NumberFormatException e) {
            throw malformed(RESERVED_CONCURRENCY, value, "a count or " + NONE);
        }
    }

    /** The instance state its tags record, empty when it carries no such tag. */
    public static Optional<Found<String>> instance(Map<String, String> tags) {
        String value = tags.get(STATE);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.matches("[a-z-]{1,20}")) {
            throw malformed(STATE, value, "an instance state such as running");
        }
        return Optional.of(new Found<>(value, recordedAt(tags)));
    }

    /** The Enabled flag a distribution's tags record, empty when it carries no such tag. */
    public static Optional<Found<Boolean>> distribution(Map<String, String> tags) {
        String value = tags.get(ENABLED);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw malformed(ENABLED, value, "true or false");
        }
        return Optional.of(new Found<>(Boolean.parseBoolean(value), recordedAt(tags)));
    }

    private static Map<String, String> tags(String key, String value, Instant recordedAt) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(key, value);
        tags.put(RECORDED_AT, recordedAt.toString());
        return tags;
    }

    private static String recordedAt(Map<String, String> tags) {
        String at = tags.get(RECORDED_AT);
        if (at == null) {
            return "an unknown time";
        }
        try {
            return Instant.parse(at).toString();
        } catch (DateTimeParseException e) {
            return "an unknown time";
        }
    }

    private static IllegalArgumentException malformed(String key, String value, String expected) {
        return new IllegalArgumentException("tag " + key + " = '" + value + "' is not " + expected);
    }
}
