package dev.costguard.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryAccount;
import dev.costguard.core.fakes.InMemoryEcs;
import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.ports.ServiceId;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.schedule.BusinessHours;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.Snapshot.ServiceCapacity;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.core.time.CurrentDeadline;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The flow as the function's wiring builds it from the adapters: here the in-memory account and ECS, and the real
 * HTTP health probe against a local server standing in for the host's API.
 */
class RecoveryWiringTest {

    private static final String CLUSTER = "demo-cluster";
    private static final String MARKER = "{\"parked_since\":\"2026-11-03T05:00:00Z\",\"trigger\":\"budget-alert\"}";

    /** Wednesday 2026-11-04 10:00 in Tokyo: inside the default business hours, so the service is woken at once. */
    private final FakeTime time = new FakeTime(Instant.parse("2026-11-04T01:00:00Z"));
    private final InMemoryAccount account = new InMemoryAccount(RecoveryFlowTest.INSTANCE,
            RecoveryFlowTest.DISTRIBUTION, "relay");
    private final InMemoryEcs ecs = new InMemoryEcs();
    private final List<String> probes = new CopyOnWriteArrayList<>();
    private HttpServer api;

    @BeforeEach
    void startTheApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/health", exchange -> {
            probes.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("User-Agent"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        api.start();
    }

    @AfterEach
    void stopTheApi() {
        api.stop(0);
    }

    @Test
    void theWiredFlowProbesTheConfiguredUrlLiftsTheConfiguredMarkerWakesTheServicesAndPublishesToTheResultTopic() {
        String health = "http://" + api.getAddress().getHostString() + ":" + api.getAddress().getPort() + "/health";
        RecoverySettings settings = new RecoverySettings(List.of("relay"), RecoveryFlowTest.INSTANCE,
                RecoveryFlowTest.DISTRIBUTION, RecoveryFlowTest.RESULT, RecoveryFlowTest.SNAPSHOT, health, 5,
                Duration.ofSeconds(5), Duration.ofSeconds(120), 10, 4, false, RecoveryFlowTest.PARKED,
                List.of(new ServiceId(CLUSTER, "web")), Optional.empty(),
                BusinessHours.parse("MON-FRI 09:00-22:00", ZoneId.of("Asia/Tokyo"), List.of()).orElseThrow());
        account.withParameter(RecoveryFlowTest.SNAPSHOT, SnapshotCodec.encode(new Snapshot(Snapshot.CURRENT_VERSION,
                "shutdown", Instant.parse("2026-11-03T05:00:00Z"), "budget-alert",
                List.of(new Snapshot.FunctionConcurrency("relay", 7)),
                new Snapshot.InstanceSnapshot(RecoveryFlowTest.INSTANCE, "running"),
                new Snapshot.DistributionSnapshot(RecoveryFlowTest.DISTRIBUTION, true),
                List.of(new ServiceCapacity(CLUSTER, "web", 2, null, null)))));
        account.withParameter(RecoveryFlowTest.PARKED, MARKER).withReserved("relay", 0)
                .withInstanceState(InstanceState.STOPPED).withDistributionEnabled(false);
        ecs.withService(CLUSTER, "web", 0);

        RecoveryFlow flow = new RecoveryWiring().flow(settings, account, account, account, account, account, account,
                account, account, new CurrentDeadline(time), time, time, ecs, ecs, ecs);
        RunReport report = flow.run(new RecoveryRequest("schedule", false));

        assertThat(report.overallSuccess()).as(report.summary()).isTrue();
        assertThat(probes).containsExactly("GET /health cost-guard-recovery");
        assertThat(report.steps()).filteredOn(step -> step.name().equals("health-check"))
                .extracting(StepResult::detail).singleElement().asString().startsWith(health + " healthy on attempt 1/5");
        assertThat(account.reserved("relay")).isEqualTo(7);
        assertThat(ecs.desired(CLUSTER, "web")).isEqualTo(2);
        assertThat(account.parameter(RecoveryFlowTest.PARKED)).isEmpty();
        assertThat(account.parameter(RecoveryFlowTest.SNAPSHOT)).isEmpty();
        assertThat(account.published()).singleElement()
                .satisfies(published -> assertThat(published.topicArn()).isEqualTo(RecoveryFlowTest.RESULT));
    }
}
