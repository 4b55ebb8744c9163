package dev.costguard.recovery;

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
import dev.costguard.core.schedule.BusinessHours;
import dev.costguard.core.snapshot.PriorTags.Found;
import dev.costguard.core.snapshot.ServicePriorTags;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.Snapshot.ServiceCapacity;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.core.time.Deadline;
import dev.costguard.core.time.Sleeper;
import dev.costguard.recovery.RecoveryPlan.UnknownItem;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recovery's ECS services, after the host, its health, the functions and the distribution. A service's size is the
 * snapshot's record, else its {@code cost-guard:prior-*} tags, else unknown (left parked and named). When the
 * business hours say the services should be awake now (or they have no scheduler), each goes back to its size;
 * otherwise it stays asleep and the scheduler's remembered size becomes the recorded one, so the next scheduled start
 * wakes it at its own size. Their tags go once every service is settled.
 */
final class ServiceRecovery {

    /** The scheduler's snapshot owner: recovery writes its sizes in the scheduler's own document. */
    static final String SCHEDULER = "ecs-scheduler";
    static final int POOL_SIZE = 4;
    static final double SERVICES_PER_SECOND = 5;

    /** What assess found: each service's recorded size, and the services nobody knows the size of. */
    record Planned(Map<ServiceId, ServiceCapacity> sizes, List<UnknownItem> unknowns) {

        static final Planned NONE = new Planned(Map.of(), List.of());
    }

    private final List<ServiceId> services;
    private final ContainerServices ecs;
    private final ScalableTargets targets;
    private final ServiceTags tags;
    private final Parameters parameters;
    private final Optional<String> schedulerParameter;
    private final BusinessHours hours;
    private final Clock clock;
    private final BoundedFanOut fanOut;

    ServiceRecovery(RecoverySettings settings, ContainerServices ecs, ScalableTargets targets, ServiceTags tags,
            Parameters parameters, Clock clock, Sleeper sleeper) {
        this.services = settings.ecsServices();
        this.ecs = ecs;
        this.targets = targets;
        this.tags = tags;
        this.parameters = parameters;
        this.schedulerParameter = settings.ecsSchedulerParameter();
        this.hours = settings.businessHours();
        this.clock = clock;
        this.fanOut = new BoundedFanOut(POOL_SIZE, new RateLimiter(SERVICES_PER_SECOND, clock, sleeper), clock);
    }

    /** Each configured service's size: the snapshot's (null: there is none), then its tags, then unknown. */
    Planned plan(Snapshot snapshot, Deadline deadline) throws InterruptedException {
        if (services.isEmpty()) {
            return Planned.NONE;
        }
        Map<String, ServiceCapacity> recorded = new LinkedHashMap<>();
        if (snapshot != null && snapshot.services() != null) {
            snapshot.services().forEach(e -> recorded.put(e.cluster() + "/" + e.service(), e));
        }
        Map<ServiceId, ServiceCapacity> sizes = new ConcurrentHashMap<>();
        Map<ServiceId, String> why = new ConcurrentHashMap<>();
        fanOut.run(services, ServiceId::label, id -> {
            ServiceCapacity entry = recorded.get(id.label());
            if (entry != null && entry.known()) {
                sizes.put(id, entry);
                return "recorded in the snapshot";
            }
            String snapshotSays = snapshot == null ? "no snapshot"
                    : entry == null ? "not in the snapshot" : "unknown in the snapshot (" + entry.unknown() + ")";
            try {
                Optional<Found<ServiceCapacity>> prior = ServicePriorTags.read(id, tags.readPriorTags(id.label()));
                if (prior.isPresent()) {
                    sizes.put(id, prior.get().value());
                    return snapshotSays + "; its tags recorded " + prior.get().recordedAt();
                }
                why.put(id, snapshotSays + ", and no " + ServicePriorTags.DESIRED_COUNT + " tag on it");
            } catch (RuntimeException e) {
                why.put(id, snapshotSays + ", and its tags could not be read (" + StepRunner.describe(e) + ")");
            }
            return why.get(id);
        }, deadline).stream().filter(StepResult::failed).forEach(r -> why.putIfAbsent(
                ServiceId.parse(r.name()).orElseThrow(), r.detail()));
        Map<ServiceId, ServiceCapacity> ordered = new LinkedHashMap<>();
        List<UnknownItem> unknowns = new ArrayList<>();
        for (ServiceId id : services) {
            if (sizes.containsKey(id)) {
                ordered.put(id, sizes.get(id));
            } else {
                unknowns.add(new UnknownItem("service " + id.label(), why.get(id), "set its desired count (and its"
                        + " Application Auto Scaling bounds) back by hand (aws ecs update-service --cluster "
                        + id.cluster() + " --service " + id.service() + " --desired-count N); it stays at 0"));
            }
        }
        return new Planned(ordered, unknowns);
    }

    /** Awake now: back to their sizes. Asleep now: left at 0, their sizes handed to the scheduler. */
    StepOutcome restore(Planned plan, boolean dryRun, Deadline deadline) throws InterruptedException {
        String unknown = plan.unknowns().isEmpty() ? ""
                : "; services with an unknown size left parked (see unknown-items)";
        if (plan.sizes().isEmpty()) {
            return StepOutcome.succeeded((services.isEmpty() ? "no ECS service configured (COSTGUARD_ECS_SERVICES)"
                    : "no ECS service to restore") + unknown);
        }
        boolean awake = schedulerParameter.isEmpty() || hours.awakeAt(clock.instant());
        String when = schedulerParameter.isEmpty() ? "no business-hours scheduler (COSTGUARD_ECS_SCHEDULER_PARAMETER)"
                : (awake ? "inside" : "outside") + " business hours (" + hours + ")";
        Map<ServiceId, ServiceCapacity> remembered = remembered();
        List<ServiceId> ids = new ArrayList<>(plan.sizes().keySet());
        if (dryRun) {
            List<String> would = ids.stream().map(id -> id.label() + " " + (awake
                    ? "→ " + describe(size(plan.sizes().get(id), remembered.get(id)), bounds(plan.sizes().get(id),
                            remembered.get(id)))
                    : "left asleep, scheduler remembers " + describe(plan.sizes().get(id)))).toList();
            return StepOutcome.skipped("dry run, " + when + ": would restore " + String.join(", ", would) + unknown);
        }
        List<StepResult> items;
        String handed = "";
        if (awake) {
            items = fanOut.run(ids, ServiceId::label, id -> wake(id, plan.sizes().get(id), remembered.get(id)),
                    deadline);
        } else {
            handed = "; " + handToScheduler(plan.sizes(), remembered);
            items = ids.stream().map(id -> StepResult.item(id.label(), StepStatus.SUCCEEDED, "left asleep until the"
                    + " next scheduled start" + (plan.sizes().get(id).desiredCount() > 0 ? ", which wakes it at "
                            + describe(plan.sizes().get(id)) : " (it was at 0 before the kill switch)"),
                    clock.instant(), Duration.ZERO)).toList();
        }
        // The tags go only once every service is settled: a re-run after a failure needs them for the ones the
        // snapshot could not record.
        if (items.stream().noneMatch(StepResult::failed)) {
            Map<String, String> done = new LinkedHashMap<>();
            items.forEach(item -> done.put(item.name(), item.detail()));
            items = fanOut.run(ids, ServiceId::label, id -> {
                untag(id);
                return done.get(id.label());
            }, deadline);
        }
        StepOutcome outcome = StepOutcome.fromItems(items.size() + " ECS service(s), " + when, items);
        return new StepOutcome(outcome.status(), outcome.detail() + handed + unknown, outcome.items());
    }

    /** The count first, then the bounds, as the scheduler's start: bounds with a count at 0 would raise it at once. */
    private String wake(ServiceId id, ServiceCapacity recorded, ServiceCapacity remembered) {
        int size = size(recorded, remembered);
        Optional<Capacity> bounds = bounds(recorded, remembered);
        int now = ecs.desiredCount(id.cluster(), id.service());
        Optional<Capacity> target = targets.find(id.cluster(), id.service());
        List<String> changes = new ArrayList<>();
        if (now != size) {
            ecs.setDesiredCount(id.cluster(), id.service(), size);
            changes.add("desired " + now + " → " + size);
        }
        if (target.isPresent() && bounds.isPresent() && !target.get().equals(bounds.get())) {
            targets.setCapacity(id.cluster(), id.service(), bounds.get());
            changes.add("scalable target " + target.get() + " → " + bounds.get());
        } else if (target.isPresent() && target.get().asleep() && size > 0) {
            throw new CloudOperationException("RegisterScalableTarget", String.join(", ", changes)
                    + (changes.isEmpty() ? "" : "; ") + "scalable target still " + target.get()
                    + " and no bounds are recorded to restore: set its min/max capacity by hand");
        }
        String source = recorded.desiredCount() > 0 || size == 0 ? "its recorded size" : "the scheduler's remembered size";
        return (changes.isEmpty() ? "already at " + size : String.join(", ", changes)) + " (" + source + ")";
    }

    /** Removes the service's prior-state tags; its size is back, or handed to the scheduler. */
    private void untag(ServiceId id) {
        try {
            tags.removePriorTags(id.label(), ServicePriorTags.KEYS);
        } catch (RuntimeException e) {
            throw new CloudOperationException("UntagResource", "restored, but its " + ServicePriorTags.DESIRED_COUNT
                    + " tags were NOT removed (" + StepRunner.describe(e) + "): remove them (aws ecs untag-resource)"
                    + " before the next kill switch, which would take them for its size");
        }
    }

    /** The size to wake at: the recorded one; a service asleep when it was parked wakes at the scheduler's. */
    private static int size(ServiceCapacity recorded, ServiceCapacity remembered) {
        if (recorded.desiredCount() > 0 || remembered == null || !remembered.known()) {
            return recorded.desiredCount();
        }
        return remembered.desiredCount();
    }

    private static Optional<Capacity> bounds(ServiceCapacity recorded, ServiceCapacity remembered) {
        Optional<Capacity> own = capacity(recorded);
        return own.isPresent() || remembered == null ? own : capacity(remembered);
    }

    /** Bounds worth restoring: both known and not asleep (0..0 is the scheduler's or the kill switch's, not its own). */
    private static Optional<Capacity> capacity(ServiceCapacity entry) {
        Integer min = entry.minCapacity();
        Integer max = entry.maxCapacity();
        return min == null || max == null || max == 0 || min < 0 || min > max ? Optional.empty()
                : Optional.of(new Capacity(min, max));
    }

    /** The scheduler's remembered sizes, by service; none when it has no parameter (or nothing in it). */
    private Map<ServiceId, ServiceCapacity> remembered() {
        Map<ServiceId, ServiceCapacity> found = new LinkedHashMap<>();
        schedulerDocument().map(Snapshot::services).ifPresent(entries -> entries.forEach(
                e -> found.put(new ServiceId(e.cluster(), e.service()), e)));
        return found;
    }

    private Optional<Snapshot> schedulerDocument() {
        if (schedulerParameter.isEmpty()) {
            return Optional.empty();
        }
        String name = schedulerParameter.get();
        Optional<String> raw = parameters.get(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Snapshot document;
        try {
            document = SnapshotCodec.decode(raw.get());
        } catch (IllegalArgumentException e) {
            throw new CloudOperationException("GetParameter", name + " holds a document this build cannot read ("
                    + e.getMessage() + "); left untouched");
        }
        if (!SCHEDULER.equals(document.takenBy())) {
            throw new CloudOperationException("GetParameter", name + " holds a snapshot taken by '"
                    + document.takenBy() + "', not by the ECS scheduler; left untouched");
        }
        return Optional.of(document);
    }

    /** One write of the scheduler's document: each service parked while awake now has its recorded size there. */
    private String handToScheduler(Map<ServiceId, ServiceCapacity> sizes, Map<ServiceId, ServiceCapacity> remembered) {
        Map<ServiceId, ServiceCapacity> next = new LinkedHashMap<>(remembered);
        List<String> handed = new ArrayList<>();
        sizes.forEach((id, entry) -> {
            if (entry.desiredCount() > 0 && !entry.equals(remembered.get(id))) {
                next.put(id, entry);
                handed.add(id.label() + " " + describe(entry));
            }
        });
        if (handed.isEmpty()) {
            return "the scheduler's remembered sizes already match";
        }
        Snapshot document = new Snapshot(Snapshot.CURRENT_VERSION, SCHEDULER, clock.instant(), "recovery", null, null,
                null, new ArrayList<>(next.values()));
        parameters.put(schedulerParameter.get(), SnapshotCodec.encode(document));
        return "the scheduler now remembers " + String.join(", ", handed) + " in " + schedulerParameter.get();
    }

    private static String describe(ServiceCapacity entry) {
        return describe(entry.desiredCount(), capacity(entry));
    }

    private static String describe(int size, Optional<Capacity> bounds) {
        return size + bounds.map(b -> " (bounds " + b + ")").orElse("");
    }
}
