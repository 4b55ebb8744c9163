package dev.costguard.core.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The prior state a kill switch or scheduler must put back, as one versioned JSON document.
 * Sections a writer does not own are null (the kill switch writes functions, instance and distribution;
 * the ECS scheduler writes services).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Snapshot(int schemaVersion, String takenBy, Instant takenAt, String trigger,
        List<FunctionConcurrency> functions, InstanceSnapshot instance, DistributionSnapshot distribution,
        List<ServiceCapacity> services) {

    public static final int CURRENT_VERSION = 1;

    /** A function's reserved concurrency before the change; null means it had none. */
    public record FunctionConcurrency(String name, Integer reservedConcurrency) {
    }

    /** The instance's state before the change (AWS's name, e.g. "running"). */
    public record InstanceSnapshot(String instanceId, String state) {
    }

    public record DistributionSnapshot(String distributionId, boolean enabled) {
    }

    /** An ECS service's size before it was put to sleep; min and max are null when it has no scalable target. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceCapacity(String cluster, String service, int desiredCount, Integer minCapacity,
            Integer maxCapacity) {
    }
}
