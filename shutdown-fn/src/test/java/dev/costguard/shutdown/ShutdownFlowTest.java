package dev.costguard.shutdown;

import static dev.costguard.shutdown.ShutdownFixtures.ALERT;
import static dev.costguard.shutdown.ShutdownFixtures.RESULT;
import static dev.costguard.shutdown.ShutdownFixtures.SNAPSHOT;
import static dev.costguard.shutdown.ShutdownFixtures.TRIPWIRE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.core.ports.CommandStatus;
import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.json.Json;
import dev.costguard.core.report.RunOutcome;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShutdownFlowTest {

    private final ShutdownFixtures fx = new ShutdownFixtures();

    private static final List<String> PHASES = List.of("guard", "snapshot", "throttle-functions", "drain",
            "stop-api-service", "stop-instance", "disable-distribution");

    private RunReport budgetAlert() {
        return fx.flow().run(ShutdownRequest.fromSns(List.of(ALERT)));
    }

    private static StepResult step(RunReport report, String name) {
        return report.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void stopsEverythingInOrderWhenAllPhasesSucceed() throws Exception {
        fx.account.withReserved("relay-default", 5);

        RunReport report = budgetAlert();

        assertThat(report.steps()).extracting(StepResult::name).containsExactlyElementsOf(PHASES);
        assertThat(report.steps()).allMatch(StepResult::succeeded);
        assertThat(report.overallSuccess()).isTrue();
        assertThat(report.trigger()).isEqualTo("budget-alert");
        assertThat(fx.account.reservedByFunction()).containsOnly(Map.entry("relay-connect", 0),
                Map.entry("relay-disconnect", 0), Map.entry("relay-default", 0));
        assertThat(fx.account.serviceActive()).isFalse();
        assertThat(fx.account.instanceState()).isEqualTo(InstanceState.STOPPING);
        assertThat(fx.account.distributionEnabled()).isFalse();
        assertThat(fx.time.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        // The order of the mutating calls is the seed's phase order.
        assertThat(fx.account.mutatingCalls()).containsSubsequence("PutParameter " + SNAPSHOT,
                "PutFunctionConcurrency relay-connect", "SendCommand " + ShutdownFixtures.INSTANCE,
                "StopInstances " + ShutdownFixtures.INSTANCE, "UpdateDistribution " + ShutdownFixtures.DISTRIBUTION);

        Snapshot snapshot = SnapshotCodec.decode(fx.account.parameter(SNAPSHOT).orElseThrow());
        assertThat(snapshot.functions()).containsExactly(new Snapshot.FunctionConcurrency("relay-connect", null),
                new Snapshot.FunctionConcurrency("relay-disconnect", null),
                new Snapshot.FunctionConcurrency("relay-default", 5));
        assertThat(snapshot.instance().state()).isEqualTo("running");
        assertThat(snapshot.distribution().enabled()).isTrue();

        assertThat(fx.account.published()).hasSize(1);
        JsonNode message = Json.MAPPER.readTree(fx.account.published().get(0).message());
        assertThat(fx.account.published().get(0).topicArn()).isEqualTo(RESULT);
        assertThat(message.at("/content/description").asText()).contains("all 7 phases succeeded");
        JsonNode logged = Json.MAPPER.readTree(fx.log().strip());
        assertThat(logged.at("/report/overall_success").asBoolean()).isTrue();
        assertThat(logged.at("/report/notification/status").asText()).isEqualTo("SUCCEEDED");
        assertThat(fx.log().strip().lines()).hasSize(1);
    }

    static Stream<Arguments> eachPhaseFailing() {
        return Stream.of(Arguments.of("GetParameter", "snapshot"),
                Arguments.of("PutFunctionConcurrency", "throttle-functions"),
                Arguments.of("SendCommand", "stop-api-service"),
                Arguments.of("StopInstances", "stop-instance"),
                Arguments.of("UpdateDistribution", "disable-distribution"));
    }

    @ParameterizedTest(name = "{0} failing fails only {1}")
    @MethodSource("eachPhaseFailing")
    void aFailingPhaseNeverStopsTheOthers(String operation, String phase) {
        fx.account.failing(operation);

        RunReport report = budgetAlert();

        assertThat(report.steps()).extracting(StepResult::name).containsExactlyElementsOf(PHASES);
        assertThat(step(report, phase).status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, phase).detail()).contains(operation);
        assertThat(report.steps()).filteredOn(s -> !s.name().equals(phase)).allMatch(StepResult::succeeded);
        assertThat(report.overallSuccess()).isFalse();
        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(fx.account.published()).hasSize(1);
        assertThat(fx.account.published().get(0).subject()).contains("FAILED");
    }

    @Test
    void oneOfThreeFunctionsFailingStillThrottlesTheOtherTwo() {
        fx.account.failing("PutFunctionConcurrency relay-disconnect");

        RunReport report = budgetAlert();

        StepResult throttle = step(report, "throttle-functions");
        assertThat(throttle.status()).isEqualTo(StepStatus.FAILED);
        assertThat(throttle.items()).extracting(StepResult::name, StepResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("relay-connect", StepStatus.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("relay-disconnect", StepStatus.FAILED),
                org.assertj.core.groups.Tuple.tuple("relay-default", StepStatus.SUCCEEDED));
        assertThat(fx.account.reserved("relay-connect")).isZero();
        assertThat(fx.account.reserved("relay-default")).isZero();
        assertThat(fx.account.reserved("relay-disconnect")).isNull();
        assertThat(throttle.detail()).startsWith("3 function(s): 2 succeeded, 1 failed (first failure: PutFunctionConcurrency relay-disconnect failed");
        assertThat(fx.account.instanceState()).isEqualTo(InstanceState.STOPPING);
    }

    @Test
    void refusesAnUnknownTopicAndTouchesNothing() {
        RunReport report = fx.flow().run(ShutdownRequest.fromSns(List.of("arn:aws:sns:eu-west-1:123456789012:other")));

        assertThat(report.trigger()).isEqualTo("refused");
        assertThat(report.steps()).singleElement().satisfies(guard -> {
            assertThat(guard.status()).isEqualTo(StepStatus.FAILED);
            assertThat(guard.detail()).contains("arn:aws:sns:eu-west-1:123456789012:other")
                    .contains("not a configured trigger topic");
        });
        assertThat(fx.account.calls()).isEmpty();
        assertThat(fx.log()).contains("\"trigger\":\"refused\"");
    }

    @Test
    void refusesABatchWhenAnyRecordComesFromAnUnknownTopic() {
        RunReport report = fx.flow().run(ShutdownRequest.fromSns(List.of(ALERT, "arn:aws:sns:eu-west-1:123456789012:x")));
        assertThat(report.trigger()).isEqualTo("refused");
        assertThat(fx.account.calls()).isEmpty();
    }

    @Test
    void namesTheTripwireWhenAUsageAlarmFires() {
        RunReport report = fx.flow().run(ShutdownRequest.fromSns(List.of(TRIPWIRE)));

        assertThat(report.trigger()).isEqualTo("usage-tripwire");
        assertThat(report.summary()).contains("the usage tripwire");
        assertThat(step(report, "guard").detail()).contains(TRIPWIRE);
        assertThat(fx.account.instanceState()).isEqualTo(InstanceState.STOPPING);
    }

    @Test
    void aSecondAlertKeepsTheFirstSnapshot() {
        fx.account.withReserved("relay-default", 5);
        budgetAlert();
        String first = fx.account.parameter(SNAPSHOT).orElseThrow();

        RunReport second = budgetAlert();

        assertThat(fx.account.parameter(SNAPSHOT)).contains(first);
        assertThat(SnapshotCodec.decode(first).functions()).contains(new Snapshot.FunctionConcurrency("relay-default", 5));
        assertThat(step(second, "snapshot").detail()).contains("kept the snapshot");
        assertThat(second.overallSuccess()).isTrue();
        assertThat(step(second, "stop-api-service").detail()).contains("instance is stopping");
    }

    @Test
    void anUnreadableSnapshotIsNeverOverwritten() {
        fx.account.withParameter(SNAPSHOT, "{\"schemaVersion\":9}");

        RunReport report = budgetAlert();

        assertThat(step(report, "snapshot").status()).isEqualTo(StepStatus.FAILED);
        assertThat(fx.account.parameter(SNAPSHOT)).contains("{\"schemaVersion\":9}");
        assertThat(fx.account.reserved("relay-connect")).isZero();
    }

    @Test
    void dryRunChangesNothingAndSaysWhatItWouldDo() {
        RunReport report = fx.flow().run(ShutdownRequest.manual("checking the wiring", true));

        assertThat(fx.account.mutatingCalls()).isEmpty();
        assertThat(fx.account.state()).isEqualTo(new ShutdownFixtures().account.state());
        assertThat(report.dryRun()).isTrue();
        assertThat(report.outcome()).isEqualTo(RunOutcome.SKIPPED);
        assertThat(report.overallSuccess()).isTrue();
        assertThat(step(report, "throttle-functions").detail())
                .isEqualTo("dry run: would set reserved concurrency 0 on relay-connect, relay-disconnect, relay-default");
        assertThat(step(report, "stop-api-service").detail()).contains("would run 'systemctl stop nostr-api'");
        assertThat(fx.time.slept()).isLessThan(Duration.ofSeconds(1));
        assertThat(fx.account.published()).hasSize(1);
    }

    @Test
    void dryRunSettingOverridesARealRequest() {
        fx.flow(ShutdownFixtures.settings(true)).run(ShutdownRequest.fromSns(List.of(ALERT)));
        assertThat(fx.account.mutatingCalls()).isEmpty();
    }

    @Test
    void aCommandStuckInPendingFailsThePhaseAfterTheTimeoutAndTheRestStillRuns() {
        fx.account.withCommandStatuses(CommandStatus.NOT_YET_VISIBLE, CommandStatus.PENDING);

        RunReport report = budgetAlert();

        StepResult stopService = step(report, "stop-api-service");
        assertThat(stopService.status()).isEqualTo(StepStatus.FAILED);
        assertThat(stopService.detail()).contains("still PENDING after 60 s");
        assertThat(stopService.duration()).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(62));
        assertThat(step(report, "stop-instance").succeeded()).isTrue();
        assertThat(step(report, "disable-distribution").succeeded()).isTrue();
    }

    @Test
    void aCommandThatFailsOnTheHostFailsThePhase() {
        fx.account.withCommandStatuses(CommandStatus.IN_PROGRESS, CommandStatus.FAILED);

        StepResult stopService = step(budgetAlert(), "stop-api-service");

        assertThat(stopService.status()).isEqualTo(StepStatus.FAILED);
        assertThat(stopService.detail()).contains("ended FAILED");
    }

    @Test
    void theReportIsLoggedEvenWhenPublishingFails() {
        fx.account.failing("Publish");

        RunReport report = budgetAlert();

        assertThat(report.notification().status()).isEqualTo(StepStatus.FAILED);
        assertThat(report.overallSuccess()).isTrue();
        assertThat(fx.log()).contains("\"level\":\"ERROR\"").contains("Publish");
    }
}
