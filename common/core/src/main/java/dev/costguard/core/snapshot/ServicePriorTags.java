package dev.costguard.core.snapshot;

import dev.costguard.core.ports.ScalableTargets.Capacity;
import dev.costguard.core.ports.ServiceId;
import dev.costguard.core.snapshot.PriorTags.Found;
import dev.costguard.core.snapshot.Snapshot.ServiceCapacity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ECS service's size before the kill switch parked it, as {@code cost-guard:prior-*} tags on the service: its
 * desired count, and its Application Auto Scaling bounds ("none" when it has no scalable target).
 */
public final class ServicePriorTags {

    public static final String DESIRED_COUNT = PriorTags.PREFIX + "desired-count";
    public static final String MIN_CAPACITY = PriorTags.PREFIX + "min-capacity";
    public static final String MAX_CAPACITY = PriorTags.PREFIX + "max-capacity";
    public static final List<String> KEYS = List.of(DESIRED_COUNT, MIN_CAPACITY, MAX_CAPACITY, PriorTags.RECORDED_AT);

    private ServicePriorTags() {
    }

    public static Map<String, String> tags(int desiredCount, Optional<Capacity> target, Instant recordedAt) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(DESIRED_COUNT, Integer.toString(desiredCount));
        tags.put(MIN_CAPACITY, target.map(t -> Integer.toString(t.min())).orElse(PriorTags.NONE));
        tags.put(MAX_CAPACITY, target.map(t -> Integer.toString(t.max())).orElse(PriorTags.NONE));
        tags.put(PriorTags.RECORDED_AT, recordedAt.toString());
        return tags;
    }

    /**
     * The size the service's tags record, empty when it carries no desired-count tag; a value that is not a count
     * (or bounds that are not both counts or both none) is refused with the tag named.
     */
    public static Optional<Found<ServiceCapacity>> read(ServiceId id, Map<String, String> tags) {
        String desired = tags.get(DESIRED_COUNT);
        if (desired == null) {
            return Optional.empty();
        }
        int count = count(DESIRED_COUNT, desired);
        String min = tags.getOrDefault(MIN_CAPACITY, PriorTags.NONE);
        String max = tags.getOrDefault(MAX_CAPACITY, PriorTags.NONE);
        Integer minCapacity = null;
        Integer maxCapacity = null;
        if (!min.equals(PriorTags.NONE) || !max.equals(PriorTags.NONE)) {
            minCapacity = count(MIN_CAPACITY, min);
            maxCapacity = count(MAX_CAPACITY, max);
        }
        String at = tags.get(PriorTags.RECORDED_AT);
        String recordedAt;
        try {
            recordedAt = at == null ? "an unknown time" : Instant.parse(at).toString();
        } catch (RuntimeException e) {
            recordedAt = "an unknown time";
        }
        return Optional.of(new Found<>(new ServiceCapacity(id.cluster(), id.service(), count, minCapacity,
                maxCapacity), recordedAt));
    }

    private static int count(String key, String value) {
        try {
            int count = Integer.parseInt(value);
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("tag " + key + " = '" + value + "' is not a count");
    }
}
