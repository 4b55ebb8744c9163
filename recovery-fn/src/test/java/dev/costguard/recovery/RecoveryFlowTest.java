package dev.costguard.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryAccount;
import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunOutcome;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecoveryFlowTest {

    static final String RESULT = "arn:aws:sns:eu-west-1:123456789012:cost-guard-result";
    static final String SNAPSHOT = "/cost-guard/test/kill-switch-snapshot";
    static final String INSTANCE = "i-0123456789abcdef0";
    static final String DISTRIBUTION = "E2TESTDIST0001";
    static final List<String> FUNCTIONS = List.of("relay-connect", "relay-disconnect", "relay-default");

    private final FakeTime time = new FakeTime();
    private final InMemoryAccount account = new InMemoryAccount(INSTANCE, DISTRIBUTION, FUNCTIONS.toArray(String[]::new));
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    static RecoverySettings settings(boolean dryRun) {
        return new RecoverySettings(FUNCTIONS, INSTANCE, DISTRIBUTION, RESULT, SNAPSHOT, "http://{privateIp}:8080/health",
                5, Duration.ofSeconds(5), Duration.ofSeconds(120), 10, 4, dryRun);
    }

    private RunReport recover() {
        return recover(false);
    }

    private RunReport recover(boolean dryRun) {
        return new RecoveryFlow(settings(false), account, account, account, account, account,
                new ReportPublisher(account, time), new RunReportLog(new PrintStream(logged, true, StandardCharsets.UTF_8), time),
                time, time).run(new RecoveryRequest("schedule", dryRun));
    }

    /** The account as the kill switch leaves it: everything at 0, host stopped, distribution disabled, snapshot kept. */
    private void afterShutdown(Integer defaultReserved, String instanceBefore, boolean distributionBefore) {
        Snapshot snapshot = new Snapshot(1, "shutdown", Instant.parse("2026-10-20T03:00:00Z"), "budget-alert",
                List.of(new Snapshot.FunctionConcurrency("relay-connect", null),
                        new Snapshot.FunctionConcurrency("relay-disconnect", null),
                        new Snapshot.FunctionConcurrency("relay-default", defaultReserved)),
                new Snapshot.InstanceSnapshot(INSTANCE, instanceBefore),
                new Snapshot.DistributionSnapshot(DISTRIBUTION, distributionBefore), null);
        account.withParameter(SNAPSHOT, SnapshotCodec.encode(snapshot));
        FUNCTIONS.forEach(f -> account.withReserved(f, 0));
        account.withInstanceState(InstanceState.STOPPED).withDistributionEnabled(false);
    }

    private static StepResult step(RunReport report, String name) {
        return report.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<StepStatus> statuses(RunReport report) {
        return report.steps().stream().map(StepResult::status).toList();
    }

    private static List<StepStatus> statuses(StepStatus... expected) {
        return Arrays.asList(expected);
    }

    @Test
    void restoresEverythingTheSnapshotRecordedThenClearsIt() {
        afterShutdown(null, "running", true);

        RunReport report = recover();

        assertThat(report.steps()).extracting(StepResult::name).containsExactlyElementsOf(RecoveryFlow.STEPS);
        assertThat(report.steps()).allMatch(StepResult::succeeded);
        assertThat(report.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(account.instanceState()).isEqualTo(InstanceState.RUNNING);
        assertThat(account.reservedByFunction()).containsOnlyKeys(FUNCTIONS).containsValues((Integer) null)
                .allSatisfy((name, reserved) -> assertThat(reserved).isNull());
        assertThat(account.distributionEnabled()).isTrue();
        assertThat(account.parameter(SNAPSHOT)).isEmpty();
        assertThat(step(report, "health-check").detail()).startsWith("http://10.0.1.23:8080/health healthy on attempt 1/5");
        assertThat(account.mutatingCalls()).containsSubsequence("StartInstances " + INSTANCE,
                "DeleteFunctionConcurrency relay-connect", "UpdateDistribution " + DISTRIBUTION,
                "DeleteParameter " + SNAPSHOT);
        assertThat(account.published()).singleElement().satisfies(p -> assertThat(p.subject()).contains("SUCCEEDED"));
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("\"function\":\"recovery\"");
    }

    @Test
    void aFunctionThatHadFiveGetsFiveBackNotDeleted() {
        afterShutdown(5, "running", true);

        recover();

        assertThat(account.reserved("relay-default")).isEqualTo(5);
        assertThat(account.calls()).contains("PutFunctionConcurrency relay-default")
                .doesNotContain("DeleteFunctionConcurrency relay-default");
    }

    @Test
    void aDistributionDisabledBeforeTheShutdownStaysDisabled() {
        afterShutdown(null, "running", false);

        RunReport report = recover();

        assertThat(account.distributionEnabled()).isFalse();
        assertThat(step(report, "enable-distribution").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(step(report, "enable-distribution").detail()).contains("left disabled");
        assertThat(account.calls()).doesNotContain("UpdateDistribution " + DISTRIBUTION);
        assertThat(account.parameter(SNAPSHOT)).isEmpty();
    }

    @Test
    void anInstanceStoppedBeforeTheShutdownIsNotStarted() {
        afterShutdown(null, "stopped", true);

        RunReport report = recover();

        assertThat(account.instanceState()).isEqualTo(InstanceState.STOPPED);
        assertThat(statuses(report)).isEqualTo(statuses(StepStatus.SUCCEEDED, StepStatus.SKIPPED, StepStatus.SKIPPED,
                StepStatus.SUCCEEDED, StepStatus.SUCCEEDED, StepStatus.SUCCEEDED));
        assertThat(account.calls()).doesNotContain("StartInstances " + INSTANCE);
    }

    @Test
    void alreadyRunningWithNothingPendingIsSkippedWithoutAnyChange() {
        RunReport report = recover();

        assertThat(report.outcome()).isEqualTo(RunOutcome.SKIPPED);
        assertThat(report.overallSuccess()).isTrue();
        assertThat(step(report, "assess").detail()).startsWith("already running and nothing pending");
        assertThat(report.steps().subList(1, 6)).allMatch(s -> s.status() == StepStatus.SKIPPED);
        assertThat(account.mutatingCalls()).isEmpty();
        assertThat(account.published()).singleElement()
                .satisfies(p -> assertThat(p.subject()).isEqualTo("Cost Guard recovery: SKIPPED"));
    }

    @Test
    void noSnapshotAndNothingAtZeroNeverStartsAStoppedHost() {
        account.withInstanceState(InstanceState.STOPPED).withReserved("relay-default", 5);

        RunReport report = recover();

        assertThat(report.outcome()).isEqualTo(RunOutcome.SKIPPED);
        assertThat(report.summary()).contains("nothing to recover");
        assertThat(account.mutatingCalls()).isEmpty();
        assertThat(account.instanceState()).isEqualTo(InstanceState.STOPPED);
    }

    @Test
    void noSnapshotButFunctionsAtZeroFollowsTheSeedAndSaysSo() {
        account.withInstanceState(InstanceState.STOPPED).withDistributionEnabled(false)
                .withReserved("relay-connect", 0).withReserved("relay-disconnect", 0).withReserved("relay-default", 7);

        RunReport report = recover();

        assertThat(report.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(step(report, "assess").detail()).startsWith("no snapshot found; 2 function(s) at reserved concurrency 0");
        assertThat(report.summary()).contains("without a snapshot");
        assertThat(account.instanceState()).isEqualTo(InstanceState.RUNNING);
        assertThat(account.reserved("relay-connect")).isNull();
        assertThat(account.reserved("relay-default")).isEqualTo(7);
        assertThat(account.calls()).doesNotContain("PutFunctionConcurrency relay-default", "DeleteFunctionConcurrency relay-default");
        assertThat(account.distributionEnabled()).isTrue();
        assertThat(step(report, "clear-snapshot").status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void aRunningHostWithASnapshotPendingStillGetsTheRestRestored() {
        afterShutdown(null, "running", true);
        account.withInstanceState(InstanceState.RUNNING);

        RunReport report = recover();

        assertThat(step(report, "start-instance").detail()).endsWith("is already running");
        assertThat(account.calls()).doesNotContain("StartInstances " + INSTANCE);
        assertThat(account.calls()).contains("HealthCheck http://10.0.1.23:8080/health");
        assertThat(account.reserved("relay-connect")).isNull();
        assertThat(account.distributionEnabled()).isTrue();
        assertThat(report.overallSuccess()).isTrue();
    }

    @Test
    void aStoppingHostIsWaitedForUntilStoppedThenStarted() {
        afterShutdown(null, "running", true);
        account.withInstanceState(InstanceState.STOPPING);

        RunReport report = recover();

        assertThat(account.calls()).containsSubsequence("WaitStopped " + INSTANCE, "StartInstances " + INSTANCE,
                "WaitRunning " + INSTANCE);
        assertThat(step(report, "start-instance").detail()).startsWith("waited for stopping -> stopped");
        assertThat(account.instanceState()).isEqualTo(InstanceState.RUNNING);
    }

    @Test
    void aStartThatTimesOutAbortsAndKeepsTheSnapshot() {
        afterShutdown(null, "running", true);
        account.neverReachingRunning();

        RunReport report = recover();

        assertThat(statuses(report)).isEqualTo(statuses(StepStatus.SUCCEEDED, StepStatus.FAILED, StepStatus.SKIPPED,
                StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.SKIPPED));
        assertThat(step(report, "start-instance").detail()).contains("did not reach running within PT2M");
        assertThat(account.parameter(SNAPSHOT)).isPresent();
        assertThat(account.reserved("relay-connect")).isZero();
        assertThat(report.summary()).startsWith("Recovery stopped at start-instance").endsWith("snapshot kept");
    }

    @Test
    void aHealthCheckFailingEveryAttemptAbortsBeforeTheFunctionsAreReopened() {
        afterShutdown(null, "running", true);
        account.withHealthAnswers(false, false, false, false, false);

        RunReport report = recover();

        assertThat(statuses(report)).isEqualTo(statuses(StepStatus.SUCCEEDED, StepStatus.SUCCEEDED, StepStatus.FAILED,
                StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.SKIPPED));
        assertThat(step(report, "health-check").detail()).contains("unhealthy after 5 attempts 5 s apart");
        assertThat(account.calls().stream().filter(c -> c.startsWith("HealthCheck"))).hasSize(5);
        assertThat(step(report, "health-check").duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(account.reserved("relay-connect")).isZero();
        assertThat(account.distributionEnabled()).isFalse();
        assertThat(account.parameter(SNAPSHOT)).isPresent();
        assertThat(account.published().get(0).message()).contains("health-check");
    }

    @Test
    void aHealthCheckHealthyOnTheFourthAttemptCarriesOn() {
        afterShutdown(null, "running", true);
        account.withHealthAnswers(false, false, false, true);

        RunReport report = recover();

        assertThat(step(report, "health-check").detail()).contains("healthy on attempt 4/5");
        assertThat(step(report, "health-check").duration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(report.overallSuccess()).isTrue();
    }

    static Stream<Arguments> eachStepFailing() {
        return Stream.of(Arguments.of("DescribeInstances", "assess"), Arguments.of("GetParameter", "assess"),
                Arguments.of("StartInstances", "start-instance"),
                Arguments.of("DeleteFunctionConcurrency relay-disconnect", "restore-functions"),
                Arguments.of("UpdateDistribution", "enable-distribution"),
                Arguments.of("DeleteParameter", "clear-snapshot"));
    }

    @ParameterizedTest(name = "{0} failing stops recovery at {1}")
    @MethodSource("eachStepFailing")
    void eachStepsAwsFailureStopsRecoveryThere(String operation, String failingStep) {
        afterShutdown(null, "running", true);
        account.failing(operation);

        RunReport report = recover();

        int at = RecoveryFlow.STEPS.indexOf(failingStep);
        List<StepStatus> expected = new ArrayList<>();
        RecoveryFlow.STEPS.forEach(s -> expected.add(StepStatus.SUCCEEDED));
        expected.set(at, StepStatus.FAILED);
        for (int i = at + 1; i < expected.size(); i++) {
            expected.set(i, StepStatus.SKIPPED);
        }
        assertThat(statuses(report)).isEqualTo(expected);
        assertThat(step(report, failingStep).detail()).contains(operation.split(" ")[0]);
        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(account.parameter(SNAPSHOT)).isPresent();
        assertThat(account.published()).hasSize(1);
    }

    @Test
    void anUnreadableSnapshotChangesNothing() {
        account.withInstanceState(InstanceState.STOPPED).withParameter(SNAPSHOT, "{\"schemaVersion\":7}");

        RunReport report = recover();

        assertThat(step(report, "assess").detail()).contains("cannot be read").contains("schemaVersion 7");
        assertThat(account.mutatingCalls()).isEmpty();
    }

    @Test
    void dryRunReadsButChangesNothing() {
        afterShutdown(5, "running", true);

        RunReport report = recover(true);

        assertThat(account.mutatingCalls()).isEmpty();
        assertThat(report.outcome()).isEqualTo(RunOutcome.SKIPPED);
        assertThat(step(report, "restore-functions").detail())
                .isEqualTo("dry run: would restore relay-connect -> unreserved, relay-disconnect -> unreserved, relay-default -> 5");
    }

    @Test
    void readsTheSchedulesInputAndAManualEmptyObject() {
        RecoveryInvocation scheduled = new RecoveryInvocation();
        scheduled.setSource("cost-guard.schedule");
        scheduled.setTrigger("schedule");
        assertThat(RecoveryRequest.read(scheduled)).isEqualTo(new RecoveryRequest("schedule", false));
        assertThat(RecoveryRequest.read(new RecoveryInvocation())).isEqualTo(new RecoveryRequest("manual", false));
    }

    @Test
    void refusesUnknownFieldsAndTriggers() {
        RecoveryInvocation odd = new RecoveryInvocation();
        odd.unknownField("time", "2026-11-01T00:05:00Z");
        assertThatThrownBy(() -> RecoveryRequest.read(odd)).hasMessageStartingWith("unknown field(s) [time]");
        RecoveryInvocation wrong = new RecoveryInvocation();
        wrong.setTrigger("cron");
        assertThatThrownBy(() -> RecoveryRequest.read(wrong)).hasMessageStartingWith("unknown trigger 'cron'");
    }
}
