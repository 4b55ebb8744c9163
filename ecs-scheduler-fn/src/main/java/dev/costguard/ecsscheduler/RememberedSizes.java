package dev.costguard.ecsscheduler;

import dev.costguard.core.ports.ServiceId;
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
 * and a service found already at 0 by a stop keeps the size remembered before. A size is only ever one the service
 * had itself: when a stop cannot tell (already at 0 with nothing remembered, or running at the default count a
 * start gives a service of unknown size), the entry says {@code unknown} instead of recording a guess.
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
    static RememberedSizes parse(String parameter, String stored) {
        Snapshot snapshot;
        try {
            snapshot = SnapshotCodec.decode(stored);
        } catch (IllegalArgumentException e) {
            throw new UnreadableSizesException(parameter + " holds a snapshot this build cannot read ("
                    + e.getMessage() + "); left untouched");
        }
        if (!TAKEN_BY.equals(snapshot.takenBy())) {
            throw new UnreadableSizesException(parameter + " holds a snapshot taken by '" + snapshot.takenBy()
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
     * The service's own size, if one is remembered. Version 1 stored a service found at 0 with nothing remembered
     * as {@code desiredCount} 0: that is no size of its own either.
     */
    static Optional<Integer> ownSize(ServiceCapacity entry) {
        return entry.known() && entry.desiredCount() > 0 ? Optional.of(entry.desiredCount()) : Optional.empty();
    }

    /**
     * What a stop remembers for a service it found at {@code desired} with this scalable target.
     * <ul>
     * <li>Running, with its own size remembered or at a count other than {@code defaultCount}: its real size.</li>
     * <li>Running at exactly {@code defaultCount} with no own size remembered: unknown, because a start may have
     * set that count itself; a default is never recorded as a service's own size.</li>
     * <li>Already at 0 with an earlier entry: the earlier entry, so two stops in a row never turn the size into 0.
     * </li>
     * <li>Already at 0 with nothing remembered: unknown (never 0, never the default).</li>
     * </ul>
     * Bounds already at 0..0 are a half-finished earlier stop: the earlier bounds stay.
     */
    static ServiceCapacity onStop(ServiceId id, int desired, Optional<Capacity> target,
            Optional<ServiceCapacity> earlier, int defaultCount) {
        Optional<Capacity> awake = target.filter(t -> !t.asleep());
        Optional<Capacity> bounds = target.isEmpty() ? Optional.empty()
                : awake.isPresent() ? awake : earlier.flatMap(RememberedSizes::capacity);
        Integer min = bounds.map(Capacity::min).orElse(null);
        Integer max = bounds.map(Capacity::max).orElse(null);
        boolean sizeKnown = earlier.flatMap(RememberedSizes::ownSize).isPresent();
        if (desired > 0 && (sizeKnown || desired != defaultCount)) {
            return new ServiceCapacity(id.cluster(), id.service(), desired, min, max);
        }
        if (desired > 0) {
            return ServiceCapacity.unknown(id.cluster(), id.service(), min, max, "running at " + desired
                    + ", the default count a start gives a service of unknown size, so it may not be its own; "
                    + "set desiredCount here by hand if it is");
        }
        if (earlier.isPresent()) {
            return earlier.get();
        }
        return ServiceCapacity.unknown(id.cluster(), id.service(), awake.map(Capacity::min).orElse(null),
                awake.map(Capacity::max).orElse(null), "found already at 0 with no size remembered");
    }

    /** The remembered bounds, when there are any worth restoring. */
    static Optional<Capacity> capacity(ServiceCapacity entry) {
        if (entry.minCapacity() == null || entry.maxCapacity() == null || entry.maxCapacity() == 0
                || entry.minCapacity() < 0 || entry.minCapacity() > entry.maxCapacity()) {
            return Optional.empty();
        }
        return Optional.of(new Capacity(entry.minCapacity(), entry.maxCapacity()));
    }

    /**
     * The entries of the configured services only, in their order: {@code updated} where given, else the earlier
     * entry (a service that could not be read keeps it). Entries of services no longer configured are dropped, so
     * the document does not grow with every service ever scheduled.
     */
    RememberedSizes next(List<ServiceId> configured, Map<ServiceId, ServiceCapacity> updated) {
        Map<String, ServiceCapacity> next = new LinkedHashMap<>();
        for (ServiceId id : configured) {
            ServiceCapacity entry = updated.containsKey(id) ? updated.get(id) : of(id).orElse(null);
            if (entry != null) {
                next.put(key(id.cluster(), id.service()), entry);
            }
        }
        return new RememberedSizes(next);
    }

    /** Entries of services not in {@code configured}, as "cluster/service". */
    List<String> notIn(List<ServiceId> configured) {
        List<String> keys = configured.stream().map(id -> key(id.cluster(), id.service())).toList();
        return entries.keySet().stream().filter(k -> !keys.contains(k)).toList();
    }

    Snapshot toSnapshot(Instant takenAt, String trigger) {
        return new Snapshot(Snapshot.CURRENT_VERSION, TAKEN_BY, takenAt, trigger, null, null, null,
                new ArrayList<>(entries.values()));
    }

    /** "c/web 2, c/api 3 (bounds 1..4), c/new unknown" for reports. */
    String describe(List<ServiceId> services) {
        List<String> parts = new ArrayList<>();
        for (ServiceId id : services) {
            of(id).ifPresent(entry -> parts.add(describe(entry)));
        }
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    static String describe(ServiceCapacity entry) {
        return entry.cluster() + "/" + entry.service() + " "
                + ownSize(entry).map(String::valueOf).orElse("unknown")
                + capacity(entry).map(c -> " (bounds " + c + ")").orElse("");
    }

    private static String key(String cluster, String service) {
        return cluster + "/" + service;
    }

    /** The parameter holds something the scheduler must not act on (or overwrite). */
    static final class UnreadableSizesException extends IllegalStateException {

        UnreadableSizesException(String message) {
            super(message);
        }
    }
}
