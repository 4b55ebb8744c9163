package dev.costguard.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryAccount;
import dev.costguard.core.fakes.InMemoryEcs;
import dev.costguard.core.ports.ServiceId;
import dev.costguard.core.schedule.BusinessHours;
import dev.costguard.core.snapshot.ServicePriorTags;
import dev.costguard.core.time.Deadline;
import dev.costguard.recovery.RecoveryPlan.UnknownItem;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What recovery's ECS half plans, on its own: every service it cannot size is named with why. */
class ServiceRecoveryTest {

    private static final String CLUSTER = "demo-cluster";
    private static final ServiceId WEB = new ServiceId(CLUSTER, "web");
    private static final ServiceId API = new ServiceId(CLUSTER, "api");

    private final FakeTime time = new FakeTime(Instant.parse("2026-11-04T01:00:00Z"));
    private final InMemoryAccount account = new InMemoryAccount(RecoveryFlowTest.INSTANCE, RecoveryFlowTest.DISTRIBUTION,
            "relay");
    private final InMemoryEcs ecs = new InMemoryEcs();

    private ServiceRecovery services() {
        RecoverySettings settings = new RecoverySettings(List.of("relay"), RecoveryFlowTest.INSTANCE,
                RecoveryFlowTest.DISTRIBUTION, RecoveryFlowTest.RESULT, RecoveryFlowTest.SNAPSHOT,
                "http://{privateIp}:8080/health", 5, Duration.ofSeconds(5), Duration.ofSeconds(120), 10, 4, false,
                RecoveryFlowTest.PARKED, List.of(WEB, API), Optional.empty(),
                BusinessHours.parse("MON-FRI 09:00-22:00", ZoneId.of("Asia/Tokyo"), List.of()).orElseThrow());
        return new ServiceRecovery(settings, ecs, ecs, ecs, account, time, time);
    }

    @Test
    void aServiceLeftUnreadForLackOfTimeIsNamedWithThatReason() throws InterruptedException {
        ecs.withService(CLUSTER, "web", 0).withService(CLUSTER, "api", 0);
        ecs.writePriorTags(WEB.label(), ServicePriorTags.tags(2, Optional.empty(), Instant.parse("2026-11-03T05:00:00Z")));
        Deadline spent = Deadline.fromRemaining(time, Duration.ofSeconds(5), Duration.ofSeconds(10));

        ServiceRecovery.Planned planned = services().plan(null, spent);

        assertThat(planned.sizes()).isEmpty();
        assertThat(planned.unknowns()).extracting(UnknownItem::item, UnknownItem::reason).containsExactly(
                tuple("service demo-cluster/web", Deadline.NO_TIME), tuple("service demo-cluster/api", Deadline.NO_TIME));
        assertThat(ecs.calls()).noneMatch(c -> c.startsWith("ListTagsForResource"));
    }

    @Test
    void aServiceWithoutASnapshotIsSizedFromItsTagsAndOneWithoutTagsIsNamed() throws InterruptedException {
        ecs.withService(CLUSTER, "web", 0).withService(CLUSTER, "api", 0);
        ecs.writePriorTags(WEB.label(), ServicePriorTags.tags(2, Optional.empty(), Instant.parse("2026-11-03T05:00:00Z")));

        ServiceRecovery.Planned planned = services().plan(null, Deadline.unbounded(time));

        assertThat(planned.sizes()).containsOnlyKeys(WEB);
        assertThat(planned.sizes().get(WEB).desiredCount()).isEqualTo(2);
        assertThat(planned.unknowns()).extracting(UnknownItem::item, UnknownItem::reason).containsExactly(
                tuple("service demo-cluster/api", "no snapshot, and no cost-guard:prior-desired-count tag on it"));
    }
}
