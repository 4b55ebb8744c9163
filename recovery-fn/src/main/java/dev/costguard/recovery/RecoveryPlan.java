package dev.costguard.recovery;

import dev.costguard.core.ports.InstanceStatus;
import dev.costguard.core.snapshot.Snapshot;
import java.util.Map;

/**
 * What recovery will put back, decided before anything changes.
 *
 * @param snapshot the kill switch's record of the prior state, or null when none was found
 * @param instance the instance as it is now
 * @param startInstance whether the instance must end up running (it was running before, or nothing says otherwise)
 * @param functions each function to restore and its reserved concurrency; a null value means "had none, remove it"
 * @param enableDistribution whether the distribution was enabled before (or nothing says otherwise)
 * @param skipReason why there is nothing to do, or null when there is
 */
record RecoveryPlan(Snapshot snapshot, InstanceStatus instance, boolean startInstance, Map<String, Integer> functions,
        boolean enableDistribution, String skipReason) {

    static RecoveryPlan nothingToDo(InstanceStatus instance, String reason) {
        return new RecoveryPlan(null, instance, false, Map.of(), false, reason);
    }

    boolean fromSnapshot() {
        return snapshot != null;
    }

    boolean nothingToDo() {
        return skipReason != null;
    }

    String describe() {
        if (nothingToDo()) {
            return skipReason;
        }
        String source = fromSnapshot() ? "snapshot taken " + snapshot.takenAt() + " (" + snapshot.trigger() + ")"
                : "no snapshot found; " + functions.size() + " function(s) at reserved concurrency 0, following the default recovery";
        return source + "; instance is " + instance.state().awsName();
    }
}
