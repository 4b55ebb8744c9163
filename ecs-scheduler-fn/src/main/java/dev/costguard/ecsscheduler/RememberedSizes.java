package dev.costguard.ecsscheduler;

import dev.costguard.core.ports.ScalableTargets.Capacity;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.Snapshot.ServiceCapacity;
import dev.costguard.core.snapshot.SnapshotCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The business-hours size of each service as the last stop found it: the {@code services} section of the
 * snapshot in the SSM parameter. Entries stay after a start, so an operator can read (and edit) the morning size,
 * and a service found already at 0 by a stop keeps the size remembered before.
 */
final class RememberedSizes {

    static final String TAKEN_BY = "ecs-scheduler";

    private final Map<String, ServiceCapacity> entries;

    private RememberedSizes(Map<String, ServiceCapacity> entries) {
        this.entries = entries;
    }

    static RememberedSizes none() {
        return new RememberedSizes(new LinkedHashMap<>());
    }

    /** Reads the snapshot; one of another version or written by another function is refused, never overwritten. */
    static RememberedSizes parse(String parameter, String json) {
        Snapshot snapshot;
        try {
            snapshot = SnapshotCodec.decode(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(parameter + " holds a snapshot this build cannot read (" + e.getMessage()
                    + "); left untouched");
        }
        if (!TAKEN_BY.equals(snapshot.takenBy())) {
            throw new IllegalStateException(parameter + " holds a snapshot taken by '" + snapshot.takenBy()
                    + "', not by the ECS scheduler; left untouched (give the scheduler its own parameter)");
        }
        Map<String, ServiceCapacity> entries = new LinkedHashMap<>();
        if (snapshot.services() != null) {
            for (ServiceCapacity entry : snapshot.services()) {
                entries.put(key(entry.cluster(), entry.service()), entry);
            }
        }
        return new RememberedSizes(entries);
    }

    Optional<ServiceCapacity> of(ServiceId id) {
        return Optional.ofNullable(entries.get(key(id.cluster(), id.service())));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** True when writing this would change nothing an operator or a start could see. */
    boolean sameAs(RememberedSizes other) {
        return entries.equals(other.entries);
    }

    /**
     * What a stop remembers for a service it found at {@code desired} with this scalable target. A running service
     * is remembered at its real size; one already at 0 keeps its earlier entry, so two stops in a row never turn
     * the real size into 0. Bounds already at 0..0 are a half-finished earlier stop: the earlier bounds stay.
     */
    static Optional<ServiceCapacity> onStop(ServiceId id, int desired, Optional<Capacity> target,
            Optional<ServiceCapacity> earlier) {
        Optional<Capacity> awake = target.filter(t -> !t.asleep());
        if (desired > 0) {
            Optional<Capacity> bounds = target.isEmpty() ? Optional.empty()
                    : awake.isPresent() ? awake : earlier.flatMap(RememberedSizes::capacity);
            return Optional.of(new ServiceCapacity(id.cluster(), id.service(), desired,
                    bounds.map(Capacity::min).orElse(null), bounds.map(Capacity::max).orElse(null)));
        }
        if (earlier.isPresent()) {
            return earlier;
        }
        // Already at 0 with nothing remembered: keep the bounds; a start uses the default count for it.
        return awake.map(t -> new ServiceCapacity(id.cluster(), id.service(), 0, t.min(), t.max()));
    }

    /** The remembered bounds, when there are any worth restoring. */
    static Optional<Capacity> capacity(ServiceCapacity entry) {
        if (entry.minCapacity() == null || entry.maxCapacity() == null || entry.maxCapacity() == 0
                || entry.minCapacity() < 0 || entry.minCapacity() > entry.maxCapacity()) {
            return Optional.empty();
        }
        return Optional.of(new Capacity(entry.minCapacity(), entry.maxCapacity()));
    }

    /** A copy with these entries replaced; entries of other services (not configured now, or not read) stay. */
    RememberedSizes with(List<ServiceCapacity> updated) {
        Map<String, ServiceCapacity> next = new LinkedHashMap<>(entries);
        for (ServiceCapacity entry : updated) {
            next.put(key(entry.cluster(), entry.service()), entry);
        }
        return new RememberedSizes(next);
    }

    Snapshot toSnapshot(Instant takenAt, String trigger) {
        return new Snapshot(Snapshot.CURRENT_VERSION, TAKEN_BY, takenAt, trigger, null, null, null,
                new ArrayList<>(entries.values()));
    }

    /** "c/web 2, c/api 3 (bounds 1..4)" for reports. */
    String describe(List<ServiceId> services) {
        List<String> parts = new ArrayList<>();
        for (ServiceId id : services) {
            of(id).ifPresent(entry -> parts.add(describe(entry)));
        }
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    static String describe(ServiceCapacity entry) {
        return entry.cluster() + "/" + entry.service() + " " + entry.desiredCount()
                + capacity(entry).map(c -> " (bounds " + c + ")").orElse("");
    }

    private static String key(String cluster, String service) {
        return cluster + "/" + service;
    }
}
