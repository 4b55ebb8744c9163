package dev.costguard.shutdown;

import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.ContainerServices;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.ScalableTargets;
import dev.costguard.core.ports.ScalableTargets.Capacity;
import dev.costguard.core.ports.ServiceId;
import dev.costguard.core.ports.ServiceTags;
import dev.costguard.core.report.StepOutcome;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import dev.costguard.core.run.BoundedFanOut;
import dev.costguard.core.run.RateLimiter;
import dev.costguard.core.run.StepRunner;
import dev.costguard.core.snapshot.PriorTags.Found;
import dev.costguard.core.snapshot.ServicePriorTags;
import dev.costguard.core.snapshot.Snapshot.ServiceCapacity;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.core.time.Deadline;
import dev.costguard.core.time.Sleeper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kill switch's ECS services. Before anything changes, each service's own size (its desired count and its
 * Application Auto Scaling bounds) is recorded for the snapshot and kept on the service as {@code cost-guard:prior-*}
 * tags; a service that already carries them was parked by an earlier run, so their value is its size, never the 0
 * that run left. Then each service is parked: bounds to 0..0 first (so no scaling policy starts tasks again), then
 * the desired count to 0. A service is parked only once its size is recorded somewhere (the snapshot or its tags),
 * so a retried run never finds at 0 a service whose size nobody kept.
 */
final class ServiceParking {

    // ECS and Application Auto Scaling rate-limit their control planes per account, as for the scheduler.
    static final int POOL_SIZE = 4;
    static final double SERVICES_PER_SECOND = 5;

    /** What the snapshot phase records for the services, and one result per service. */
    record Recorded(List<ServiceCapacity> entries, List<StepResult> items) {

        List<String> unknown() {
            return entries.stream().filter(e -> !e.known()).map(e -> e.cluster() + "/" + e.service()).toList();
        }
    }

    private final List<ServiceId> services;
    private final ContainerServices ecs;
    private final ScalableTargets targets;
    private final ServiceTags tags;
    private final Parameters parameters;
    private final String snapshotParameter;
    private final Clock clock;
    private final BoundedFanOut fanOut;

    ServiceParking(ShutdownSettings settings, ContainerServices ecs, ScalableTargets targets, ServiceTags tags,
            Parameters parameters, Clock clock, Sleeper sleeper) {
        this.services = settings.ecsServices();
        this.parameters = parameters;
        this.snapshotParameter = settings.snapshotParameter();
        this.ecs = ecs;
        this.targets = targets;
        this.tags = tags;
        this.clock = clock;
        this.fanOut = new BoundedFanOut(POOL_SIZE, new RateLimiter(SERVICES_PER_SECOND, clock, sleeper), clock);
    }

    boolean none() {
        return services.isEmpty();
    }

    /**
     * Each service's prior size: from its tags when an earlier run left them, otherwise read now and written as tags
     * (not in a dry run). A service that cannot be read is recorded as unknown with the reason; one whose tags could
     * not be written is recorded, and its item fails: the snapshot is then its only record. One whose tags cannot be
     * read is recorded only when its size now is nothing parking leaves (desired above 0, bounds not 0..0).
     */
    Recorded record(boolean dryRun, Deadline reads) throws InterruptedException {
        Map<ServiceId, ServiceCapacity> found = new ConcurrentHashMap<>();
        Set<ServiceId> untagged = ConcurrentHashMap.newKeySet();
        List<StepResult> read = fanOut.run(services, ServiceId::label, id -> {
            String tagProblem = null;
            try {
                Optional<Found<ServiceCapacity>> prior = ServicePriorTags.read(id, tags.readPriorTags(id.label()));
                if (prior.isPresent()) {
                    found.put(id, prior.get().value());
                    return describe(prior.get().value()) + " from its " + ServicePriorTags.DESIRED_COUNT
                            + " tags, recorded " + prior.get().recordedAt() + " by an earlier run (its count now is"
                            + " not its own)";
                }
            } catch (RuntimeException e) {
                tagProblem = StepRunner.describe(e);
            }
            int desired = ecs.desiredCount(id.cluster(), id.service());
            Optional<Capacity> target = targets.find(id.cluster(), id.service());
            ServiceCapacity entry = new ServiceCapacity(id.cluster(), id.service(), desired,
                    target.map(Capacity::min).orElse(null), target.map(Capacity::max).orElse(null));
            if (tagProblem != null) {
                untagged.add(id);
                if (desired == 0 || target.filter(Capacity::asleep).isPresent()) {
                    // Recovery trusts a known size in the snapshot before the tags: an earlier run's 0 recorded
                    // here would keep the service at 0 for good.
                    String reason = "now " + describe(entry) + ", which may be an earlier run's parking: its tags"
                            + " could not be read (" + tagProblem + "), so its size is unknown here and left to its tags";
                    found.put(id, ServiceCapacity.unknown(id.cluster(), id.service(), null, null, reason));
                    return reason;
                }
                found.put(id, entry);
                return describe(entry) + "; its tags could not be read (" + tagProblem + "), so none were written: "
                        + "the snapshot is its only record";
            }
            found.put(id, entry);
            if (dryRun) {
                return describe(entry);
            }
            try {
                tags.writePriorTags(id.label(), ServicePriorTags.tags(desired, target, clock.instant()));
            } catch (RuntimeException e) {
                untagged.add(id);
                return describe(entry) + "; tags NOT written (" + StepRunner.describe(e)
                        + "): the snapshot is its only record";
            }
            return describe(entry) + ", kept on the service as tags";
        }, reads);
        List<ServiceCapacity> entries = new ArrayList<>();
        List<StepResult> items = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            ServiceId id = services.get(i);
            StepResult item = read.get(i);
            ServiceCapacity entry = found.get(id);
            entries.add(entry != null ? entry
                    : ServiceCapacity.unknown(id.cluster(), id.service(), null, null, item.detail()));
            items.add(untagged.contains(id) ? new StepResult(item.name(), StepStatus.FAILED, item.detail(),
                    item.startedAt(), item.duration(), item.items()) : item);
        }
        return new Recorded(entries, items);
    }

    /** Parks every service at 0; one failing never stops the others. */
    StepOutcome park(boolean dryRun, Deadline deadline) throws InterruptedException {
        if (services.isEmpty()) {
            return StepOutcome.succeeded("no ECS service configured (COSTGUARD_ECS_SERVICES)");
        }
        if (dryRun) {
            return StepOutcome.skipped("dry run: would park " + String.join(", ",
                    services.stream().map(ServiceId::label).toList()) + " at 0 (bounds 0..0, then desired 0)");
        }
        Map<String, ServiceCapacity> inSnapshot = recordedInSnapshot();
        List<StepResult> items = fanOut.run(services, ServiceId::label, id -> putToSleep(id, inSnapshot), deadline);
        return StepOutcome.fromItems(items.size() + " ECS service(s)", items);
    }

    /** The services the stored snapshot knows the size of; none when it cannot be read (their tags then decide). */
    private Map<String, ServiceCapacity> recordedInSnapshot() {
        Map<String, ServiceCapacity> known = new java.util.HashMap<>();
        try {
            Optional<String> raw = parameters.get(snapshotParameter);
            List<ServiceCapacity> entries = raw.isEmpty() ? null : SnapshotCodec.decode(raw.get()).services();
            if (entries != null) {
                entries.stream().filter(ServiceCapacity::known).forEach(e -> known.put(e.cluster() + "/" + e.service(), e));
            }
        } catch (RuntimeException e) {
            // Not readable now: each service's own tags still say whether its size is kept.
        }
        return known;
    }

    /**
     * Bounds first, then the count: with the bounds still up, a scaling policy could start tasks again. A service
     * whose size is neither in the snapshot nor on its tags gets its tags first; if they cannot be written it is left
     * running, and the item fails: parked without a record, a retry would take its 0 for its size.
     */
    private String putToSleep(ServiceId id, Map<String, ServiceCapacity> inSnapshot) {
        int desired = ecs.desiredCount(id.cluster(), id.service());
        Optional<Capacity> found = targets.find(id.cluster(), id.service());
        if (!inSnapshot.containsKey(id.label()) && ServicePriorTags.read(id, tags.readPriorTags(id.label())).isEmpty()) {
            try {
                tags.writePriorTags(id.label(), ServicePriorTags.tags(desired, found, clock.instant()));
            } catch (RuntimeException e) {
                throw new CloudOperationException("park", "NOT parked, left at desired " + desired
                        + found.map(t -> ", bounds " + t).orElse("") + ": its size is not in the snapshot and could"
                        + " not be kept on its tags (" + StepRunner.describe(e) + "); a retry parks it once it is");
            }
        }
        Optional<Capacity> awake = found.filter(t -> !t.asleep());
        List<String> changes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (awake.isPresent()) {
            try {
                targets.setCapacity(id.cluster(), id.service(), Capacity.ASLEEP);
                changes.add("scalable target " + awake.get() + " → " + Capacity.ASLEEP);
            } catch (RuntimeException e) {
                problems.add("scalable target NOT changed, still " + awake.get() + " (" + StepRunner.describe(e)
                        + "): Application Auto Scaling may start tasks again");
            }
        }
        if (desired > 0) {
            try {
                ecs.setDesiredCount(id.cluster(), id.service(), 0);
                changes.add("desired " + desired + " → 0");
            } catch (RuntimeException e) {
                problems.add("desired count NOT changed, still " + desired + " (" + StepRunner.describe(e) + ")");
            }
        }
        if (!problems.isEmpty()) {
            changes.addAll(problems);
            throw new CloudOperationException("park", String.join("; ", changes));
        }
        return changes.isEmpty() ? "already at 0" : String.join(", ", changes);
    }

    static String describe(ServiceCapacity entry) {
        return "desired " + entry.desiredCount() + (entry.minCapacity() == null ? ", no scalable target"
                : ", bounds " + entry.minCapacity() + ".." + entry.maxCapacity());
    }
}
