package dev.costguard.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.aws.AwsClientConfig;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.fakes.FakeContext;
import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryAccount;
import dev.costguard.core.fakes.InMemoryEcs;
import dev.costguard.core.input.InvalidInputException;
import dev.costguard.core.json.Json;
import dev.costguard.core.parked.ParkedMarker;
import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.settings.InvalidSettingsException;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.core.time.CurrentDeadline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The Lambda entry point without the application around it (RecoveryHandlerTest runs it packaged): the settings
 * check first, then the payload, then the run, whose report is returned whatever its outcome.
 */
class RecoveryInvocationTest {

    private static final String SCHEDULE = "{\"source\": \"cost-guard.schedule\", \"trigger\": \"schedule\"}";

    private final FakeTime time = new FakeTime();
    private final InMemoryAccount account = new InMemoryAccount(RecoveryFlowTest.INSTANCE,
            RecoveryFlowTest.DISTRIBUTION, RecoveryFlowTest.FUNCTIONS.toArray(String[]::new));
    private final InMemoryEcs ecs = new InMemoryEcs();
    private final AtomicInteger flowsMade = new AtomicInteger();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private RecoveryHandler handler(String maxAttempts) {
        RecoveryHandler handler = new RecoveryHandler();
        handler.settings = new SettingsGate(List.of(), new AwsClientConfig() {
            public Optional<String> endpointUrl() { return Optional.empty(); }
            public Optional<String> region() { return Optional.empty(); }
            public String maxAttempts() { return maxAttempts; }
            public String callTimeoutSeconds() { return AwsClientConfig.DEFAULT_CALL_TIMEOUT_SECONDS; }
        }, new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8), time);
        handler.flow = () -> {
            flowsMade.incrementAndGet();
            return flow();
        };
        handler.clock = time;
        return handler;
    }

    private RecoveryFlow flow() {
        CurrentDeadline current = new CurrentDeadline(time);
        RunFinisher finisher = new RunFinisher(new RunReportLog(new PrintStream(OutputStream.nullOutputStream()), time),
                new ReportPublisher(account, time), current);
        return new RecoveryFlow(RecoveryFlowTest.settings(false), account, account, account, account, account, account,
                account, account, finisher, current, time, time, new ParkedMarker(account, RecoveryFlowTest.PARKED),
                ecs, ecs, ecs);
    }

    /** As the kill switch leaves the account: functions at 0, host stopped, distribution disabled, snapshot kept. */
    private void afterShutdown() {
        Snapshot snapshot = new Snapshot(1, "shutdown", Instant.parse("2026-10-20T03:00:00Z"), "budget-alert",
                List.of(new Snapshot.FunctionConcurrency("relay-connect", null),
                        new Snapshot.FunctionConcurrency("relay-disconnect", null),
                        new Snapshot.FunctionConcurrency("relay-default", 10)),
                new Snapshot.InstanceSnapshot(RecoveryFlowTest.INSTANCE, "running"),
                new Snapshot.DistributionSnapshot(RecoveryFlowTest.DISTRIBUTION, true), null);
        account.withParameter(RecoveryFlowTest.SNAPSHOT, SnapshotCodec.encode(snapshot));
        RecoveryFlowTest.FUNCTIONS.forEach(f -> account.withReserved(f, 0));
        account.withInstanceState(InstanceState.STOPPED).withDistributionEnabled(false);
    }

    private void invoke(RecoveryHandler handler, String payload) throws Exception {
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), output,
                FakeContext.remaining(600_000));
    }

    @Test
    void withABadSettingEvenAMalformedPayloadGetsTheSettingsMessageAndNoFlowIsMade() {
        afterShutdown();
        RecoveryHandler handler = handler("0");

        assertThatThrownBy(() -> invoke(handler, "{\"action\": \"start\"}"))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("Invalid Cost Guard settings: COSTGUARD_AWS_MAX_ATTEMPTS 0 is out of range [1, 10]");
        assertThat(flowsMade).hasValue(0);
        assertThat(account.calls()).isEmpty();
        assertThat(output.size()).isZero();
    }

    @Test
    void withValidSettingsABadPayloadIsRefusedByNameBeforeAnyFlowIsMade() {
        afterShutdown();
        RecoveryHandler handler = handler(AwsClientConfig.DEFAULT_MAX_ATTEMPTS);

        assertThatThrownBy(() -> invoke(handler, "{\"action\": \"start\"}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown field(s) [action]");
        assertThat(flowsMade).hasValue(0);
        assertThat(account.calls()).isEmpty();
    }

    @Test
    void theSchedulesRunRestoresTheAccountAndReturnsTheReportItPublished() throws Exception {
        afterShutdown();

        invoke(handler(AwsClientConfig.DEFAULT_MAX_ATTEMPTS), SCHEDULE);

        JsonNode report = Json.MAPPER.readTree(output.toByteArray());
        assertThat(report.at("/function").asText()).isEqualTo("recovery");
        assertThat(report.at("/trigger").asText()).isEqualTo("schedule");
        assertThat(report.at("/outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.at("/steps")).extracting(step -> step.get("name").asText())
                .containsExactlyElementsOf(RecoveryFlow.STEPS);
        assertThat(report.at("/notification/status").asText()).isEqualTo("SUCCEEDED");
        assertThat(account.published()).singleElement()
                .satisfies(published -> assertThat(published.topicArn()).isEqualTo(RecoveryFlowTest.RESULT));
        assertThat(account.instanceState()).isEqualTo(InstanceState.RUNNING);
        assertThat(account.reserved("relay-default")).isEqualTo(10);
        assertThat(account.parameter(RecoveryFlowTest.SNAPSHOT)).isEmpty();
        assertThat(flowsMade).hasValue(1);
    }

    /** A failed recovery is not an error for Lambda to retry: its report, which names what to do, is the answer. */
    @Test
    void aFailedRecoveryReturnsItsReportRatherThanAnError() throws Exception {
        afterShutdown();
        account.failing("StartInstances");

        invoke(handler(AwsClientConfig.DEFAULT_MAX_ATTEMPTS), SCHEDULE);

        JsonNode report = Json.MAPPER.readTree(output.toByteArray());
        assertThat(report.at("/outcome").asText()).isEqualTo("FAILED");
        assertThat(report.at("/steps/1/name").asText()).isEqualTo("start-instance");
        assertThat(report.at("/steps/1/status").asText()).isEqualTo("FAILED");
        assertThat(account.published()).hasSize(1);
        assertThat(account.instanceState()).isEqualTo(InstanceState.STOPPED);
        assertThat(account.reserved("relay-default")).isZero();
        assertThat(account.parameter(RecoveryFlowTest.SNAPSHOT)).isPresent();
    }
}
