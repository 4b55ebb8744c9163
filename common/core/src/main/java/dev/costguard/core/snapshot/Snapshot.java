package dev.costguard.core.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The prior state a kill switch or scheduler must put back, as one versioned JSON document.
 * Sections a writer does not own are null (the kill switch writes functions, instance and distribution;
 * the ECS scheduler writes services). Every item the writer owns is present: with its prior value, or with
 * {@code unknown} holding the reason it could not be read. A restore touches only known items.
 * <p>
 * The kill switch's items also carry their prior value on themselves ({@link PriorTags}), written before each is
 * changed: a restore trusts this document first, then an item's tags for what the document lacks (or when there is
 * no document), then nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Snapshot(int schemaVersion, String takenBy, Instant takenAt, String trigger,
        List<FunctionConcurrency> functions, InstanceSnapshot instance, DistributionSnapshot distribution,
        List<ServiceCapacity> services) {

    /** 2: items carry {@code unknown}; large documents are stored compressed (see {@link SnapshotCodec}). */
    public static final int CURRENT_VERSION = 2;

    /**
     * A function's reserved concurrency before the change: a number, none (null), or unknown (the reason, with
     * {@code reservedConcurrency} null).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionConcurrency(String name, Integer reservedConcurrency, String unknown) {

        public FunctionConcurrency(String name, Integer reservedConcurrency) {
            this(name, reservedConcurrency, null);
        }

        public static FunctionConcurrency unknown(String name, String reason) {
            return new FunctionConcurrency(name, null, reason);
        }

        @JsonIgnore
        public boolean known() {
            return unknown == null;
        }
    }

    /** The instance's state before the change (AWS's name, e.g. "running"), or unknown with the reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InstanceSnapshot(String instanceId, String state, String unknown) {

        public InstanceSnapshot(String instanceId, String state) {
            this(instanceId, state, null);
        }

        public static InstanceSnapshot unknown(String instanceId, String reason) {
            return new InstanceSnapshot(instanceId, null, reason);
        }

        @JsonIgnore
        public boolean known() {
            return unknown == null;
        }
    }

    /** Whether the distribution was enabled before the change, or unknown with the reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DistributionSnapshot(String distributionId, Boolean enabled, String unknown) {

        public DistributionSnapshot(String distributionId, Boolean enabled) {
            this(distributionId, enabled, null);
        }

        public static DistributionSnapshot unknown(String distributionId, String reason) {
            return new DistributionSnapshot(distributionId, null, reason);
        }

        @JsonIgnore
        public boolean known() {
            return unknown == null;
        }
    }

    /**
     * An ECS service's own size before it was put to sleep; min and max are null when it has no scalable target.
     * When its own size was never seen (found already at 0, or running at a count the scheduler may have set),
     * {@code desiredCount} is null and {@code unknown} says why: a size is never guessed into the record.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceCapacity(String cluster, String service, Integer desiredCount, Integer minCapacity,
            Integer maxCapacity, String unknown) {

        public ServiceCapacity(String cluster, String service, int desiredCount, Integer minCapacity,
                Integer maxCapacity) {
            this(cluster, service, Integer.valueOf(desiredCount), minCapacity, maxCapacity, null);
        }

        public static ServiceCapacity unknown(String cluster, String service, Integer minCapacity,
                Integer maxCapacity, String reason) {
            return new ServiceCapacity(cluster, service, null, minCapacity, maxCapacity, reason);
        }

        @JsonIgnore
        public boolean known() {
            return unknown == null && desiredCount != null;
        }
    }
}
