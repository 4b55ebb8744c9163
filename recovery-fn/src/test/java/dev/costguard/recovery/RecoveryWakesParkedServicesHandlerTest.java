package dev.costguard.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.demo.FakeAccountServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Inside business hours, the packaged recovery against the fake account wakes the parked ECS services to their
 * recorded sizes (count, then the scalable target's bounds), removes their prior-state tags and lifts the parked
 * marker: the account ends as it was before the budget trip.
 */
@QuarkusTest
@WithTestResource(RecoveryWakesParkedServicesHandlerTest.InBusinessHours.class)
class RecoveryWakesParkedServicesHandlerTest {

    /** Recovery with the sample services, at a time inside business hours. */
    public static class InBusinessHours extends FakeAccountResource {

        @Override
        protected Map<String, String> settings(FakeAccountServer server) {
            return ParkedEstate.settings(server, true);
        }
    }

    @ConfigProperty(name = "costguard.aws.endpoint-url")
    String endpoint;

    @Test
    void insideBusinessHoursTheParkedServicesGoBackToTheirSizesAndTheMarkerGoes() throws Exception {
        ParkedEstate.leave(endpoint, true);
        assertThat(ParkedEstate.state(endpoint).getInt("ecs.'demo-cluster/api'.desiredCount")).isZero();

        JsonPath report = ParkedEstate.recover();

        assertThat(report.getBoolean("overall_success")).as(report.prettify()).isTrue();
        assertThat(report.getList("steps.find { it.name == 'restore-services' }.items.detail")).containsExactly(
                "desired 0 → 2 (its recorded size)", "desired 0 → 3, scalable target 0..0 → 1..4 (its recorded size)");
        JsonPath account = ParkedEstate.state(endpoint);
        assertThat(account.getInt("ecs.'demo-cluster/web'.desiredCount")).isEqualTo(2);
        assertThat(account.getInt("ecs.'demo-cluster/api'.desiredCount")).isEqualTo(3);
        assertThat(account.getInt("autoscaling.'service/demo-cluster/api'.min")).isEqualTo(1);
        assertThat(account.getInt("autoscaling.'service/demo-cluster/api'.max")).isEqualTo(4);
        assertThat(account.getMap("priorTags")).isEmpty();
        assertThat(account.getMap("lambda")).containsEntry("relay-default", 10).containsEntry("relay-connect", null);
        assertThat(account.getString("ec2.'i-0c0ffee5eed000001'.state")).isEqualTo("running");
        assertThat(account.getList("ssm.parameters")).doesNotContain(ParkedEstate.PARKED, ParkedEstate.SNAPSHOT,
                ParkedEstate.SCHEDULER);
        assertThat(FakeAccountResource.calls()).anyMatch(c -> c.startsWith("ecs UpdateService"))
                .anyMatch(c -> c.startsWith("ecs UntagResource"))
                .anyMatch(c -> c.startsWith("autoscaling RegisterScalableTarget"));
    }
}
