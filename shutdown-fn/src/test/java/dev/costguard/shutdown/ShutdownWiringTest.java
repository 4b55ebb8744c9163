package dev.costguard.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryAccount;
import dev.costguard.core.fakes.InMemoryEcs;
import dev.costguard.core.ports.ServiceId;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.time.CurrentDeadline;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flow as the function's wiring builds it from the adapters (here the in-memory account and ECS). */
class ShutdownWiringTest {

    @Test
    void theWiredFlowMarksTheConfiguredParameterParkedParksTheServicesAndPublishesToTheResultTopic() {
        FakeTime time = new FakeTime();
        InMemoryAccount account = new InMemoryAccount(ShutdownFixtures.INSTANCE, ShutdownFixtures.DISTRIBUTION,
                ShutdownFixtures.FUNCTIONS.toArray(String[]::new));
        InMemoryEcs ecs = new InMemoryEcs().withService("demo-cluster", "web", 2);
        ShutdownSettings settings = ShutdownFixtures.settings(List.of(new ServiceId("demo-cluster", "web")));

        ShutdownFlow flow = new ShutdownWiring().flow(settings, account, account, account, account, account, account,
                account, account, account, new CurrentDeadline(time), time, time, ecs, ecs, ecs);
        RunReport report = flow.run(ShutdownRequest.fromSns(List.of(ShutdownFixtures.ALERT)));

        assertThat(report.overallSuccess()).isTrue();
        assertThat(account.parameter(ShutdownFixtures.PARKED)).hasValueSatisfying(marker ->
                assertThat(marker).contains("\"trigger\":\"budget-alert\""));
        assertThat(ecs.desired("demo-cluster", "web")).isZero();
        assertThat(account.published()).singleElement()
                .satisfies(published -> assertThat(published.topicArn()).isEqualTo(ShutdownFixtures.RESULT));
    }
}
