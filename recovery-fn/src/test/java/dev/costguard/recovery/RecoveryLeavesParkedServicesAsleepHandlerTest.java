package dev.costguard.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.demo.FakeAccountServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Outside business hours, the packaged recovery against the fake account leaves the parked ECS services asleep and
 * writes their recorded sizes into the ECS scheduler's parameter (the next start wakes them at their own size), then
 * removes their tags and lifts the parked marker. The snapshot lost api's size (unknown): its cost-guard:prior-* tags,
 * read through ECS's ListTagsForResource, give it.
 */
@QuarkusTest
@WithTestResource(RecoveryLeavesParkedServicesAsleepHandlerTest.OutsideBusinessHours.class)
class RecoveryLeavesParkedServicesAsleepHandlerTest {

    /** Recovery with the sample services, at a time outside business hours. */
    public static class OutsideBusinessHours extends FakeAccountResource {

        @Override
        protected Map<String, String> settings(FakeAccountServer server) {
            return ParkedEstate.settings(server, false);
        }
    }

    @ConfigProperty(name = "costguard.aws.endpoint-url")
    String endpoint;

    @Test
    void outsideBusinessHoursTheServicesStayAsleepAndTheSchedulerRemembersTheirSizesOneReadFromItsTags() throws Exception {
        ParkedEstate.leave(endpoint, false);

        JsonPath report = ParkedEstate.recover();

        assertThat(report.getBoolean("overall_success")).as(report.prettify()).isTrue();
        JsonPath account = ParkedEstate.state(endpoint);
        assertThat(account.getInt("ecs.'demo-cluster/web'.desiredCount")).isZero();
        assertThat(account.getInt("ecs.'demo-cluster/api'.desiredCount")).isZero();
        assertThat(account.getInt("autoscaling.'service/demo-cluster/api'.max")).isZero();
        assertThat(account.getMap("priorTags")).isEmpty();
        assertThat(account.getList("ssm.parameters")).doesNotContain(ParkedEstate.PARKED, ParkedEstate.SNAPSHOT)
                .contains(ParkedEstate.SCHEDULER);
        Snapshot scheduler = SnapshotCodec.decode(ParkedEstate.parameter(endpoint, ParkedEstate.SCHEDULER));
        assertThat(scheduler.takenBy()).isEqualTo("ecs-scheduler");
        assertThat(scheduler.services()).containsExactly(new Snapshot.ServiceCapacity("demo-cluster", "web", 2, null, null),
                new Snapshot.ServiceCapacity("demo-cluster", "api", 3, 1, 4));
        assertThat(account.getString("ec2.'i-0c0ffee5eed000001'.state")).isEqualTo("running");
        assertThat(FakeAccountResource.calls()).anyMatch(c -> c.startsWith("ecs ListTagsForResource"));
    }
}
