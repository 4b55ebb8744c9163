package dev.costguard.recovery;

import dev.costguard.core.ports.InstanceStatus;
import dev.costguard.core.snapshot.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What recovery will put back, decided before anything changes.
 *
 * @param source where the plan comes from
 * @param snapshot the kill switch's record of the prior state, or null when none was found
 * @param instance the instance as it is now
 * @param startInstance whether the instance must end up running
 * @param priorInstanceState the instance's state before the shutdown as recorded (null when unknown)
 * @param functions each function whose prior state is known and its reserved concurrency (null: had none)
 * @param enableDistribution whether the distribution must end up enabled
 * @param unknowns the items whose prior state is unknown: left as they are, each named with what a person must do
 * @param description what assess found, one sentence for the report
 * @param services the ECS services' recorded sizes (their unknowns are in {@code unknowns} too)
 */
record RecoveryPlan(Source source, Snapshot snapshot, InstanceStatus instance, Restore startInstance,
        String priorInstanceState, Map<String, Integer> functions, Restore enableDistribution, List<UnknownItem> unknowns,
        String description, ServiceRecovery.Planned services) {

    RecoveryPlan(Source source, Snapshot snapshot, InstanceStatus instance, Restore startInstance,
            String priorInstanceState, Map<String, Integer> functions, Restore enableDistribution,
            List<UnknownItem> unknowns, String description) {
        this(source, snapshot, instance, startInstance, priorInstanceState, functions, enableDistribution, unknowns,
                description, ServiceRecovery.Planned.NONE);
    }

    /** This plan with the ECS services' sizes; the services nobody knows the size of join the unknown items. */
    RecoveryPlan withServices(ServiceRecovery.Planned planned) {
        if (planned.sizes().isEmpty() && planned.unknowns().isEmpty()) {
            return this;
        }
        List<UnknownItem> all = new java.util.ArrayList<>(unknowns);
        all.addAll(planned.unknowns());
        String names = planned.unknowns().stream().map(UnknownItem::item).collect(Collectors.joining(", "));
        return new RecoveryPlan(source, snapshot, instance, startInstance, priorInstanceState, functions,
                enableDistribution, all, description + "; " + planned.sizes().size() + " ECS service(s) to restore"
                        + (planned.unknowns().isEmpty() ? "" : "; size unknown, left parked: " + names),
                planned);
    }

    /** Where the plan comes from. */
    enum Source {
        /** The kill switch's snapshot: restore exactly what it recorded. */
        SNAPSHOT,
        /** No snapshot, but the items carry the kill switch's prior-state tags: restore what they record. */
        TAGS,
        /** No snapshot and a person forced the seed's blind recovery. */
        FORCED,
        /** No snapshot: change nothing, report what looks stopped. */
        NO_SNAPSHOT
    }

    /** Whether an item is put back: yes, no (it was off before), or not known. */
    enum Restore {
        YES, NO, UNKNOWN
    }

    /** An item recovery leaves alone because nobody knows its prior state, and what a person must do about it. */
    record UnknownItem(String item, String reason, String toDo) {

        String sentence() {
            return item + ": prior state unknown (" + reason + "); left as it is. To do: " + toDo;
        }
    }

    RecoveryPlan {
        functions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(functions));
        unknowns = List.copyOf(unknowns);
    }

    boolean changesNothing() {
        return source == Source.NO_SNAPSHOT;
    }

    String unknownNames() {
        return unknowns.stream().map(UnknownItem::item).collect(Collectors.joining(", "));
    }
}
