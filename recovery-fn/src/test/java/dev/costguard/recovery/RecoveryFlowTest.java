package dev.costguard.recovery;

import dev.costguard.core.ports.InstanceStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryAccount;
import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.ports.HealthProbe;
import dev.costguard.core.ports.Instances;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Deadline;
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
import dev.costguard.core.fakes.InMemoryEcs;
import dev.costguard.core.parked.ParkedMarker;
import dev.costguard.core.schedule.BusinessHours;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
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
    static final String PARKED = "/cost-guard/test/parked";
    static final String INSTANCE = "i-0123456789abcdef0";
    static final String DISTRIBUTION = "E2TESTDIST0001";
    static final List<String> FUNCTIONS = List.of("relay-connect", "relay-disconnect", "relay-default");

    private final FakeTime time = new FakeTime();
    private final InMemoryAccount account = new InMemoryAccount(INSTANCE, DISTRIBUTION, FUNCTIONS.toArray(String[]::new));
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final CurrentDeadline current = new CurrentDeadline(time);
    /** No ECS service is configured here: none of its calls may be made. */
    private final InMemoryEcs ecs = new InMemoryEcs();

    static RecoverySettings settings(boolean dryRun) {
        return new RecoverySettings(FUNCTIONS, INSTANCE, DISTRIBUTION, RESULT, SNAPSHOT, "http://{privateIp}:8080/health",
                5, Duration.ofSeconds(5), Duration.ofSeconds(120), 10, 4, dryRun, PARKED, List.of(), Optional.empty(),
                BusinessHours.parse("MON-FRI 09:00-22:00", ZoneId.of("Asia/Tokyo"), List.of()).orElseThrow());
    }

    private RunReport recover() {
        return recover(false);
    }

    private RunReport recover(boolean dryRun) {
        return flow(account, account).run(new RecoveryRequest("schedule", dryRun));
    }

    private RecoveryFlow flow(Instances instances, HealthProbe health) {
        RunFinisher finisher = new RunFinisher(new RunReportLog(new PrintStream(logged, true, StandardCharsets.UTF_8), time),
                new ReportPublisher(account, time), current);
        return new RecoveryFlow(settings(false), account, instances, account, account, account, account, account, health,
                finisher, current, time, time, new ParkedMarker(account, PARKED), ecs, ecs, ecs);
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
                StepStatus.SUCCEEDED, StepStatus.SUCCEEDED, StepStatus.SUCCEEDED, StepStatus.SUCCEEDED,
                StepStatus.SUCCEEDED, StepStatus.SUCCEEDED, StepStatus.SUCCEEDED));
        assertThat(account.calls()).doesNotContain("StartInstances " + INSTANCE);
    }

    @Test
    void alreadyRunningWithNothingPendingIsSkippedWithoutAnyChange() {
        RunReport report = recover();

        assertThat(report.outcome()).isEqualTo(RunOutcome.SKIPPED);
        assertThat(report.overallSuccess()).isTrue();
        assertThat(step(report, "assess").detail())
                .isEqualTo("no snapshot at " + SNAPSHOT + ", so nothing was changed; nothing looks stopped");
        assertThat(report.steps().subList(1, 7)).allMatch(s -> s.status() == StepStatus.SKIPPED);
        assertThat(account.mutatingCalls()).isEmpty();
        assertThat(account.published()).singleElement()
                .satisfies(p -> assertThat(p.subject()).isEqualTo("Cost Guard recovery: SKIPPED"));
    }

    @Test
    void noSnapshotAndNothingAtZeroNeverStartsAStoppedHost() {
        account.withInstanceState(InstanceState.STOPPED).withReserved("relay-default", 5);

        RunReport report = recover();

        assertThat(report.outcome()).isEqualTo(RunOutcome.SKIPPED);
        assertThat(report.summary()).contains("nothing was changed. Looks stopped: instance " + INSTANCE + " stopped");
        assertThat(account.mutatingCalls()).isEmpty();
        assertThat(account.instanceState()).isEqualTo(InstanceState.STOPPED);
    }

    @Test
    void aScheduledRunWithoutASnapshotChangesNothingAndSaysWhatLooksStopped() {
        account.withInstanceState(InstanceState.STOPPED).withDistributionEnabled(false)
                .withReserved("relay-connect", 0).withReserved("relay-disconnect", 0).withReserved("relay-default", 7);

        RunReport report = recover();

        assertThat(account.mutatingCalls()).isEmpty();
        assertThat(account.reserved("relay-connect")).isZero();
        assertThat(account.instanceState()).isEqualTo(InstanceState.STOPPED);
        assertThat(report.outcome()).isEqualTo(RunOutcome.SKIPPED);
        assertThat(report.summary()).startsWith("Recovery changed nothing: no snapshot at " + SNAPSHOT)
                .contains("Looks stopped: function(s) at reserved concurrency 0: relay-connect, relay-disconnect;"
                        + " instance " + INSTANCE + " stopped; distribution " + DISTRIBUTION + " disabled")
                .contains("{\"force\": true, \"reason\": \"...\"}");
        assertThat(report.steps().subList(1, 7)).allMatch(s -> s.status() == StepStatus.SKIPPED);
        assertThat(account.published()).singleElement().satisfies(p -> assertThat(p.message()).contains("relay-connect"));
    }

    @Test
    void aForcedManualRunWithoutASnapshotRunsTheSeedsBlindRecoveryAndSaysSo() {
        account.withInstanceState(InstanceState.STOPPED).withDistributionEnabled(false)
                .withReserved("relay-connect", 0).withReserved("relay-disconnect", 0).withReserved("relay-default", 7);

        RunReport report = flow(account, account).run(RecoveryRequest.forced("snapshot lost, all three were on"));

        assertThat(report.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(report.trigger()).isEqualTo("manual");
        assertThat(step(report, "assess").detail())
                .startsWith("no snapshot; forced by hand (snapshot lost, all three were on): start " + INSTANCE);
        assertThat(report.summary()).startsWith("Forced recovery without a snapshot (reason: snapshot lost, all three were on)");
        assertThat(account.instanceState()).isEqualTo(InstanceState.RUNNING);
        assertThat(account.reserved("relay-connect")).isNull();
        assertThat(account.reserved("relay-disconnect")).isNull();
        assertThat(account.reserved("relay-default")).isEqualTo(7);
        assertThat(account.calls()).doesNotContain("PutFunctionConcurrency relay-default", "DeleteFunctionConcurrency relay-default");
        assertThat(account.distributionEnabled()).isTrue();
        assertThat(step(report, "clear-snapshot").status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void forceWithASnapshotStillFollowsTheSnapshot() {
        afterShutdown(5, "running", false);

        RunReport report = flow(account, account).run(RecoveryRequest.forced("just in case"));

        assertThat(step(report, "assess").detail()).endsWith("force not needed: the snapshot is followed");
        assertThat(account.reserved("relay-default")).isEqualTo(5);
        assertThat(account.distributionEnabled()).isFalse();
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
                StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.SKIPPED,
                StepStatus.SKIPPED, StepStatus.SKIPPED));
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
                StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.SKIPPED,
                StepStatus.SKIPPED, StepStatus.SKIPPED));
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
                Arguments.of("UntagResource relay-default", "clear-tags"),
                Arguments.of("DeleteTags", "clear-tags"),
                Arguments.of("DeleteParameter " + PARKED, "lift-parked"),
                Arguments.of("DeleteParameter " + SNAPSHOT, "clear-snapshot"));
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

    // ---- unknown items (issue 7 item 2) ------------------------------------------------------------------

    /** A v2 snapshot as the kill switch writes it when some reads failed. */
    private void afterPartialShutdown(Snapshot.InstanceSnapshot instance, Snapshot.DistributionSnapshot distribution,
            Snapshot.FunctionConcurrency... functions) {
        Snapshot snapshot = new Snapshot(2, "shutdown", Instant.parse("2026-10-20T03:00:00Z"), "budget-alert",
                List.of(functions), instance, distribution, null);
        account.withParameter(SNAPSHOT, SnapshotCodec.encode(snapshot));
        FUNCTIONS.forEach(f -> account.withReserved(f, 0));
        account.withInstanceState(InstanceState.STOPPED).withDistributionEnabled(false);
    }

    @Test
    void anUnknownFunctionIsLeftAloneAndNamedWhileTheRestIsRestored() {
        afterPartialShutdown(new Snapshot.InstanceSnapshot(INSTANCE, "running"),
                new Snapshot.DistributionSnapshot(DISTRIBUTION, true),
                new Snapshot.FunctionConcurrency("relay-connect", null),
                Snapshot.FunctionConcurrency.unknown("relay-disconnect", "GetFunctionConcurrency: InternalFailure (HTTP 500)"),
                new Snapshot.FunctionConcurrency("relay-default", 10));

        RunReport report = recover();

        assertThat(account.reserved("relay-disconnect")).isZero();
        // Only reads touch it: its value, then whether an earlier run tagged its prior state on it.
        assertThat(account.calls()).noneMatch(c -> c.endsWith(" relay-disconnect") && !c.startsWith("Get")
                && !c.startsWith("ListTags"));
        assertThat(account.reserved("relay-connect")).isNull();
        assertThat(account.reserved("relay-default")).isEqualTo(10);
        assertThat(account.instanceState()).isEqualTo(InstanceState.RUNNING);
        assertThat(account.distributionEnabled()).isTrue();
        assertThat(account.parameter(SNAPSHOT)).isPresent();
        assertThat(report.overallSuccess()).isFalse();
        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(report.summary()).startsWith("Recovery partly restored").contains("function relay-disconnect");
        assertThat(step(report, "clear-snapshot").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(step(report, "clear-snapshot").detail()).startsWith("kept " + SNAPSHOT);
        StepResult unknowns = step(report, "unknown-items");
        assertThat(unknowns.status()).isEqualTo(StepStatus.FAILED);
        assertThat(unknowns.items()).singleElement().satisfies(item -> {
            assertThat(item.name()).isEqualTo("function relay-disconnect");
            assertThat(item.detail()).contains("GetFunctionConcurrency: InternalFailure (HTTP 500)")
                    .contains("put-function-concurrency --function-name relay-disconnect");
        });
        assertThat(account.published().get(0).message()).contains("relay-disconnect");
    }

    @Test
    void aConfiguredFunctionMissingFromTheSnapshotKeepsItsZeroAndIsNamed() {
        afterPartialShutdown(new Snapshot.InstanceSnapshot(INSTANCE, "running"),
                new Snapshot.DistributionSnapshot(DISTRIBUTION, true),
                new Snapshot.FunctionConcurrency("relay-connect", null),
                new Snapshot.FunctionConcurrency("relay-default", null));

        RunReport report = recover();

        assertThat(account.reserved("relay-disconnect")).isZero();
        assertThat(step(report, "unknown-items").items()).extracting(StepResult::detail)
                .singleElement().asString().startsWith("function relay-disconnect: prior state unknown (not in the snapshot)");
        assertThat(report.overallSuccess()).isFalse();
    }

    @Test
    void anUnknownInstanceIsNeverStartedOnAGuess() {
        afterPartialShutdown(Snapshot.InstanceSnapshot.unknown(INSTANCE, "DescribeInstances: InternalFailure (HTTP 500)"),
                new Snapshot.DistributionSnapshot(DISTRIBUTION, true),
                FUNCTIONS.stream().map(f -> new Snapshot.FunctionConcurrency(f, null)).toArray(Snapshot.FunctionConcurrency[]::new));

        RunReport report = recover();

        assertThat(account.instanceState()).isEqualTo(InstanceState.STOPPED);
        assertThat(account.calls()).doesNotContain("StartInstances " + INSTANCE);
        assertThat(step(report, "start-instance").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(step(report, "health-check").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(account.reserved("relay-connect")).isNull();
        assertThat(step(report, "unknown-items").items()).extracting(StepResult::name).containsExactly("instance " + INSTANCE);
        assertThat(step(report, "unknown-items").items().get(0).detail()).contains("aws ec2 start-instances --instance-ids " + INSTANCE);
        assertThat(report.summary()).startsWith("Recovery partly restored");
    }

    @Test
    void aDistributionTheOldSnapshotLeftOutIsNeverEnabledOnAGuess() {
        // Schema 1 wrote null for a distribution it could not read; it used to be enabled as if it had been.
        afterPartialShutdown(new Snapshot.InstanceSnapshot(INSTANCE, "running"), null,
                FUNCTIONS.stream().map(f -> new Snapshot.FunctionConcurrency(f, null)).toArray(Snapshot.FunctionConcurrency[]::new));

        RunReport report = recover();

        assertThat(account.distributionEnabled()).isFalse();
        assertThat(account.calls()).doesNotContain("UpdateDistribution " + DISTRIBUTION);
        assertThat(step(report, "unknown-items").items()).extracting(StepResult::detail).singleElement().asString()
                .startsWith("distribution " + DISTRIBUTION + ": prior state unknown (the snapshot has no record of it)");
        assertThat(account.instanceState()).isEqualTo(InstanceState.RUNNING);
        assertThat(report.overallSuccess()).isFalse();
    }

    @Test
    void aFailingGetParameterChangesNothingAndSaysWhy() {
        afterShutdown(5, "running", true);
        account.failing("GetParameter");

        RunReport report = recover();

        assertThat(account.mutatingCalls()).isEmpty();
        assertThat(report.summary()).startsWith("Recovery changed nothing: cannot read the snapshot " + SNAPSHOT)
                .contains("InternalFailure (HTTP 500)");
        assertThat(account.published()).singleElement().satisfies(p -> assertThat(p.subject()).contains("FAILED"));
    }

    // ---- deadline (issue 7 item 5) ------------------------------------------------------------------------

    /** EC2 transitions that take (fake) time, as the SDK's waiters would; null means it never gets there. */
    private final class SlowInstances implements Instances {
        final List<Duration> waits = new ArrayList<>();
        Duration stopping = Duration.ZERO;
        Duration pending = Duration.ZERO;

        @Override
        public dev.costguard.core.ports.InstanceStatus describe(String id) {
            return account.describe(id);
        }

        @Override
        public InstanceState stop(String id) {
            return account.stop(id);
        }

        @Override
        public InstanceState start(String id) {
            return account.start(id);
        }

        @Override
        public dev.costguard.core.ports.InstanceStatus awaitRunning(String id, Duration timeout) {
            return await(pending, timeout, () -> account.awaitRunning(id, timeout), "running");
        }

        @Override
        public dev.costguard.core.ports.InstanceStatus awaitStopped(String id, Duration timeout) {
            return await(stopping, timeout, () -> account.awaitStopped(id, timeout), "stopped");
        }

        private dev.costguard.core.ports.InstanceStatus await(Duration takes, Duration timeout,
                java.util.function.Supplier<dev.costguard.core.ports.InstanceStatus> arrive, String state) {
            waits.add(timeout);
            if (takes != null && takes.compareTo(timeout) <= 0) {
                time.advance(takes);
                return arrive.get();
            }
            time.advance(timeout);
            throw new dev.costguard.core.ports.CloudOperationException("Wait", "did not reach " + state + " within " + timeout);
        }
    }

    /** A health endpoint that never answers: each probe takes its whole timeout. */
    private final class SilentHealth implements HealthProbe {
        final List<Duration> timeouts = new ArrayList<>();

        @Override
        public Result check(java.net.URI url) {
            throw new AssertionError("a probe must be given the capped timeout");
        }

        @Override
        public Result check(java.net.URI url, Duration timeout) {
            timeouts.add(timeout);
            time.advance(timeout);
            return new Result(false, "HttpTimeoutException");
        }
    }

    private Deadline lambdaDeadline() {
        return Deadline.fromRemaining(time, Duration.ofSeconds(180), Duration.ofSeconds(10));
    }

    @Test
    void theWorstCaseStartIsCutWithNoTimeAndTheReportStillGoesOut() {
        afterShutdown(null, "running", true);
        account.withInstanceState(InstanceState.STOPPING);
        SlowInstances slow = new SlowInstances();
        slow.stopping = Duration.ofSeconds(120);
        slow.pending = null;
        Instant start = time.instant();

        RunReport report = flow(slow, account).run(new RecoveryRequest("schedule", false), lambdaDeadline());

        assertThat(slow.waits).containsExactly(Duration.ofSeconds(120), Duration.ofSeconds(50));
        StepResult started = step(report, "start-instance");
        assertThat(started.status()).isEqualTo(StepStatus.FAILED);
        assertThat(started.detail()).startsWith(Deadline.NO_TIME + ": gave up waiting for " + INSTANCE
                + " to reach running after 50 s of the 120 s allowed");
        assertThat(report.steps().subList(2, 7)).allMatch(s -> s.status() == StepStatus.SKIPPED);
        assertThat(account.published()).singleElement();
        assertThat(time.instant()).isBefore(start.plusSeconds(180));
        assertThat(account.parameter(SNAPSHOT)).isPresent();
        assertThat(account.reserved("relay-connect")).isZero();
        assertThat(current.get().toString()).isEqualTo("no deadline");
    }

    @Test
    void healthProbesNearTheDeadlineGetOnlyTheTimeLeftThenNoTime() {
        afterShutdown(null, "running", true);
        account.withInstanceState(InstanceState.STOPPING);
        SlowInstances slow = new SlowInstances();
        slow.stopping = Duration.ofSeconds(120);
        slow.pending = Duration.ofSeconds(40);
        SilentHealth silent = new SilentHealth();
        Instant start = time.instant();

        RunReport report = flow(slow, silent).run(new RecoveryRequest("schedule", false), lambdaDeadline());

        // 160 s spent starting; 10 s left before the report's reserve: a 4 s probe, 5 s apart, then a 1 s probe.
        assertThat(silent.timeouts).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(1));
        StepResult health = step(report, "health-check");
        assertThat(health.status()).isEqualTo(StepStatus.FAILED);
        assertThat(health.detail()).startsWith(Deadline.NO_TIME).contains("after 2 of 5 attempt(s)")
                .contains("HttpTimeoutException");
        assertThat(account.reserved("relay-connect")).isZero();
        assertThat(account.published()).singleElement();
        assertThat(time.instant()).isBefore(start.plusSeconds(180));
    }

    @Test
    void aRunWithNoTimeLeftMarksEveryStepAndChangesNothing() {
        afterShutdown(null, "running", true);

        RunReport report = flow(account, account).run(new RecoveryRequest("schedule", false),
                Deadline.fromRemaining(time, Duration.ofSeconds(5), Duration.ofSeconds(10)));

        assertThat(report.steps()).extracting(StepResult::detail).containsOnly(Deadline.NO_TIME);
        assertThat(report.steps()).hasSize(RecoveryFlow.STEPS.size());
        assertThat(account.mutatingCalls()).isEmpty();
        assertThat(account.published()).singleElement();
    }

    // ---- prior-state tags (issue 15) ------------------------------------------------------------------------

    /** The account as a kill switch leaves it whose snapshot was never written: only the tags on the items. */
    private void afterShutdownWithoutSnapshot() {
        FUNCTIONS.forEach(f -> account.withReserved(f, 0));
        account.withInstanceState(InstanceState.STOPPED).withDistributionEnabled(false)
                .withTag("relay-connect", "cost-guard:prior-reserved-concurrency", "none")
                .withTag("relay-disconnect", "cost-guard:prior-reserved-concurrency", "none")
                .withTag("relay-default", "cost-guard:prior-reserved-concurrency", "10")
                .withTag("relay-default", "cost-guard:prior-recorded-at", "2026-10-20T03:00:00Z")
                .withTag(INSTANCE, "cost-guard:prior-state", "running")
                .withTag(DISTRIBUTION, "cost-guard:prior-enabled", "true");
    }

    @Test
    void withoutASnapshotRestoresWhatThePriorStateTagsRecordThenRemovesThem() {
        afterShutdownWithoutSnapshot();

        RunReport report = recover();

        assertThat(account.reserved("relay-default")).isEqualTo(10);
        assertThat(account.reserved("relay-connect")).isNull();
        assertThat(account.instanceState()).isEqualTo(InstanceState.RUNNING);
        assertThat(account.distributionEnabled()).isTrue();
        assertThat(account.priorTags()).isEmpty();
        assertThat(report.overallSuccess()).isTrue();
        assertThat(step(report, "assess").detail()).startsWith("no snapshot at " + SNAPSHOT
                + ": following the prior-state tags an earlier kill switch left on the items");
        assertThat(step(report, "clear-tags").items()).hasSize(5).allMatch(StepResult::succeeded);
        assertThat(step(report, "clear-snapshot").detail()).isEqualTo("there was no snapshot to clear");
        assertThat(report.summary()).startsWith("Recovery complete: restored the state recorded in the items'"
                + " cost-guard:prior-* tags (there was no snapshot at " + SNAPSHOT + ")");
    }

    @Test
    void theSnapshotIsTrustedBeforeATagAndTheTagIsRemovedOnceTheItemIsBack() {
        afterShutdown(5, "running", true);
        account.withTag("relay-default", "cost-guard:prior-reserved-concurrency", "7");

        RunReport report = recover();

        assertThat(account.reserved("relay-default")).isEqualTo(5);
        assertThat(account.calls()).noneMatch(c -> c.startsWith("ListTags")).contains("UntagResource relay-default");
        assertThat(account.priorTags()).isEmpty();
        assertThat(report.overallSuccess()).isTrue();
    }

    @Test
    void aTagFillsInAnItemTheSnapshotRecordsAsUnknown() {
        afterPartialShutdown(new Snapshot.InstanceSnapshot(INSTANCE, "running"),
                new Snapshot.DistributionSnapshot(DISTRIBUTION, true),
                new Snapshot.FunctionConcurrency("relay-connect", null),
                Snapshot.FunctionConcurrency.unknown("relay-disconnect", "GetFunctionConcurrency: InternalFailure (HTTP 500)"),
                new Snapshot.FunctionConcurrency("relay-default", 10));
        account.withTag("relay-disconnect", "cost-guard:prior-reserved-concurrency", "3");

        RunReport report = recover();

        assertThat(account.reserved("relay-disconnect")).isEqualTo(3);
        assertThat(step(report, "assess").detail()).contains("from their cost-guard:prior-* tags: function relay-disconnect");
        assertThat(step(report, "unknown-items").detail()).isEqualTo("none: the prior state of every item was known");
        assertThat(account.parameter(SNAPSHOT)).isEmpty();
    }

    @Test
    void withoutASnapshotAnItemWithoutATagIsNamedAndLeftAsItIs() {
        FUNCTIONS.forEach(f -> account.withReserved(f, 0));
        account.withInstanceState(InstanceState.STOPPED).withDistributionEnabled(false)
                .withTag(INSTANCE, "cost-guard:prior-state", "running");

        RunReport report = recover();

        assertThat(account.instanceState()).isEqualTo(InstanceState.RUNNING);
        assertThat(account.reservedByFunction().values()).allMatch(r -> r == 0);
        assertThat(account.distributionEnabled()).isFalse();
        assertThat(step(report, "unknown-items").items()).extracting(StepResult::name).containsExactly(
                "function relay-connect", "function relay-disconnect", "function relay-default",
                "distribution " + DISTRIBUTION);
        assertThat(step(report, "unknown-items").items().get(0).detail())
                .contains("prior state unknown (no snapshot and no prior-state tag)");
        assertThat(account.priorTags()).isEmpty();
        assertThat(report.overallSuccess()).isFalse();
    }

    @Test
    void aTagThatCannotBeReadIsNamedWithTheReason() {
        FUNCTIONS.forEach(f -> account.withReserved(f, 0));
        account.withInstanceState(InstanceState.STOPPED).withTag(INSTANCE, "cost-guard:prior-state", "running")
                .failing("ListTags relay-default");

        RunReport report = recover();

        assertThat(step(report, "unknown-items").items()).filteredOn(i -> i.name().equals("function relay-default"))
                .singleElement().satisfies(item -> assertThat(item.detail()).contains("no snapshot and no prior-state"
                        + " tag; its cost-guard:prior-* tags cannot be read (ListTags relay-default failed"));
    }

    @Test
    void aDryRunFromTagsChangesNothingAndKeepsTheTags() {
        afterShutdownWithoutSnapshot();

        RunReport report = recover(true);

        assertThat(account.mutatingCalls()).isEmpty();
        assertThat(account.priorTags()).hasSize(5);
        assertThat(step(report, "clear-tags").detail()).startsWith("dry run: would remove the cost-guard:prior-* tags"
                + " from relay-connect, relay-disconnect, relay-default, " + INSTANCE + ", " + DISTRIBUTION);
    }

    // ---- what each step and the summary say (mutation triage, issue 15 item 7) ------------------------------

    @Test
    void eachStepSaysWhatItDidAndTheSummaryCountsTheStepsThatSucceeded() {
        afterShutdown(5, "running", true);

        RunReport report = recover();

        assertThat(step(report, "assess").detail()).isEqualTo("snapshot taken 2026-10-20T03:00:00Z (budget-alert);"
                + " instance is stopped; 3 function(s) to restore");
        assertThat(step(report, "start-instance").detail()).isEqualTo("started " + INSTANCE + "; running at 10.0.1.23");
        assertThat(step(report, "restore-functions").detail()).isEqualTo("3 function(s): 3 succeeded, 0 failed");
        assertThat(step(report, "restore-functions").items()).extracting(StepResult::name, StepResult::detail)
                .containsExactly(
                        tuple("relay-connect",
                                "reserved concurrency removed (back to the unreserved pool)"),
                        tuple("relay-disconnect",
                                "reserved concurrency removed (back to the unreserved pool)"),
                        tuple("relay-default", "reserved concurrency restored to 5"));
        assertThat(step(report, "enable-distribution").detail()).isEqualTo("enabled " + DISTRIBUTION);
        assertThat(step(report, "restore-services").detail()).isEqualTo("no ECS service configured (COSTGUARD_ECS_SERVICES)");
        assertThat(step(report, "clear-tags").items()).extracting(StepResult::detail)
                .containsOnly("removed its cost-guard:prior-* tags").hasSize(5);
        assertThat(report.summary()).isEqualTo("Recovery complete: restored the state recorded 2026-10-20T03:00:00Z"
                + " (10 steps succeeded)");
    }

    @Test
    void theSummaryCountsOnlyTheStepsThatSucceeded() {
        afterShutdown(null, "stopped", true);

        RunReport report = recover();

        // start-instance and health-check are skipped: 8 of the 10 succeeded.
        assertThat(report.summary()).isEqualTo("Recovery complete: restored the state recorded 2026-10-20T03:00:00Z"
                + " (8 steps succeeded)");
    }

    @Test
    void aDistributionAlreadyEnabledIsNotUpdatedAndTheStepSaysSo() {
        afterShutdown(null, "running", true);
        account.withDistributionEnabled(true);

        RunReport report = recover();

        assertThat(step(report, "enable-distribution").detail()).isEqualTo(DISTRIBUTION + " was already enabled");
        assertThat(account.calls()).doesNotContain("UpdateDistribution " + DISTRIBUTION);
    }

    @Test
    void theFunctionsStepPointsToTheUnknownItemsOnlyWhenAFunctionIsUnknown() {
        afterPartialShutdown(Snapshot.InstanceSnapshot.unknown(INSTANCE, "DescribeInstances: InternalFailure (HTTP 500)"),
                new Snapshot.DistributionSnapshot(DISTRIBUTION, true),
                FUNCTIONS.stream().map(f -> new Snapshot.FunctionConcurrency(f, null)).toArray(Snapshot.FunctionConcurrency[]::new));

        RunReport onlyTheInstanceUnknown = recover();

        assertThat(step(onlyTheInstanceUnknown, "restore-functions").detail())
                .isEqualTo("3 function(s): 3 succeeded, 0 failed");

        afterPartialShutdown(new Snapshot.InstanceSnapshot(INSTANCE, "running"),
                new Snapshot.DistributionSnapshot(DISTRIBUTION, true),
                new Snapshot.FunctionConcurrency("relay-connect", null),
                Snapshot.FunctionConcurrency.unknown("relay-disconnect", "GetFunctionConcurrency: InternalFailure (HTTP 500)"),
                new Snapshot.FunctionConcurrency("relay-default", 10));

        RunReport aFunctionUnknown = recover();

        assertThat(step(aFunctionUnknown, "restore-functions").detail()).isEqualTo("2 function(s): 2 succeeded, 0 failed;"
                + " functions with an unknown prior state left as they are (see unknown-items)");
        assertThat(step(aFunctionUnknown, "assess").detail())
                .endsWith("; 2 function(s) to restore; prior state unknown, left as they are: function relay-disconnect");
    }

    static Stream<Arguments> instanceAndDistributionRecordsThatCannotBeFollowed() {
        Snapshot.DistributionSnapshot enabled = new Snapshot.DistributionSnapshot(DISTRIBUTION, true);
        Snapshot.InstanceSnapshot running = new Snapshot.InstanceSnapshot(INSTANCE, "running");
        return Stream.of(
                Arguments.of(Snapshot.InstanceSnapshot.unknown(INSTANCE, "DescribeInstances: Throttling (HTTP 400)"),
                        enabled, "instance " + INSTANCE, "DescribeInstances: Throttling (HTTP 400)"),
                Arguments.of(null, enabled, "instance " + INSTANCE, "the snapshot has no record of it"),
                Arguments.of(new Snapshot.InstanceSnapshot(INSTANCE, null), enabled, "instance " + INSTANCE,
                        "no state recorded"),
                Arguments.of(running, Snapshot.DistributionSnapshot.unknown(DISTRIBUTION,
                        "GetDistributionConfig: AccessDenied (HTTP 403)"), "distribution " + DISTRIBUTION,
                        "GetDistributionConfig: AccessDenied (HTTP 403)"),
                Arguments.of(running, null, "distribution " + DISTRIBUTION, "the snapshot has no record of it"),
                Arguments.of(running, new Snapshot.DistributionSnapshot(DISTRIBUTION, null), "distribution " + DISTRIBUTION,
                        "no Enabled flag recorded"));
    }

    @ParameterizedTest(name = "{2} recorded as {0}/{1}: {3}")
    @MethodSource("instanceAndDistributionRecordsThatCannotBeFollowed")
    void anItemTheSnapshotCannotVouchForIsNamedWithTheSnapshotsReasonAndLeftAsItIs(Snapshot.InstanceSnapshot instance,
            Snapshot.DistributionSnapshot distribution, String item, String reason) {
        afterPartialShutdown(instance, distribution,
                FUNCTIONS.stream().map(f -> new Snapshot.FunctionConcurrency(f, null)).toArray(Snapshot.FunctionConcurrency[]::new));

        RunReport report = recover();

        assertThat(step(report, "unknown-items").items()).singleElement().satisfies(unknown -> {
            assertThat(unknown.name()).isEqualTo(item);
            assertThat(unknown.detail()).startsWith(item + ": prior state unknown (" + reason + "); left as it is.");
        });
        assertThat(account.instanceState()).isEqualTo(item.startsWith("instance") ? InstanceState.STOPPED
                : InstanceState.RUNNING);
        assertThat(account.distributionEnabled()).isEqualTo(!item.startsWith("distribution"));
        assertThat(account.parameter(SNAPSHOT)).isPresent();
    }

    @Test
    void aTerminatedHostFailsTheStartAndNothingElseIsReopened() {
        afterShutdown(null, "running", true);
        account.withInstanceState(InstanceState.TERMINATED);

        RunReport report = recover();

        StepResult started = step(report, "start-instance");
        assertThat(started.status()).isEqualTo(StepStatus.FAILED);
        assertThat(started.detail()).isEqualTo(INSTANCE + " is terminated and cannot be started");
        assertThat(account.calls()).doesNotContain("StartInstances " + INSTANCE);
        assertThat(account.reserved("relay-connect")).isZero();
        assertThat(account.parameter(SNAPSHOT)).isPresent();
    }

    @Test
    void aHostStuckStoppingIsNeverSentAStartAndTheWaitersFailureIsReported() {
        afterShutdown(null, "running", true);
        account.withInstanceState(InstanceState.STOPPING);
        SlowInstances slow = new SlowInstances();
        slow.stopping = null;

        RunReport report = flow(slow, account).run(new RecoveryRequest("schedule", false));

        StepResult started = step(report, "start-instance");
        assertThat(started.status()).isEqualTo(StepStatus.FAILED);
        assertThat(started.detail()).isEqualTo("did not reach stopped within PT2M");
        assertThat(account.calls()).doesNotContain("StartInstances " + INSTANCE);
        assertThat(account.reserved("relay-connect")).isZero();
        assertThat(account.parameter(SNAPSHOT)).isPresent();
    }

    @Test
    void aWaitGivenItsFullTimeReportsTheWaitersOwnFailureNotTheDeadline() {
        afterShutdown(null, "running", true);
        account.neverReachingRunning();

        RunReport report = flow(account, account).run(new RecoveryRequest("schedule", false), lambdaDeadline());

        // 170 s left for the steps: the 120 s wait is not cut, so a stuck start is not blamed on the Lambda timeout.
        assertThat(step(report, "start-instance").detail())
                .isEqualTo("instance " + INSTANCE + " did not reach running within PT2M (last state: pending)");
    }

    @Test
    void noTimeLeftForTheRunningWaitAfterTheStoppedOneIsReportedAsNoTime() {
        afterShutdown(null, "running", true);
        account.withInstanceState(InstanceState.STOPPING);
        SlowInstances slow = new SlowInstances();
        slow.stopping = Duration.ofSeconds(120);

        // 120 s for the steps, all of it spent waiting for stopping -> stopped.
        RunReport report = flow(slow, account).run(new RecoveryRequest("schedule", false),
                Deadline.fromRemaining(time, Duration.ofSeconds(130), Duration.ofSeconds(10)));

        StepResult started = step(report, "start-instance");
        assertThat(started.status()).isEqualTo(StepStatus.FAILED);
        assertThat(started.detail()).isEqualTo(Deadline.NO_TIME + ": did not wait for " + INSTANCE + " to reach running");
        assertThat(slow.waits).containsExactly(Duration.ofSeconds(120));
        assertThat(account.published()).singleElement();
    }

    @Test
    void aPartlyRestoredSummarySaysToDeleteTheSnapshotOnlyWhenThereIsOne() {
        afterPartialShutdown(new Snapshot.InstanceSnapshot(INSTANCE, "running"), null,
                FUNCTIONS.stream().map(f -> new Snapshot.FunctionConcurrency(f, null)).toArray(Snapshot.FunctionConcurrency[]::new));

        RunReport fromSnapshot = recover();

        assertThat(fromSnapshot.summary()).isEqualTo("Recovery partly restored: restored what the snapshot taken"
                + " 2026-10-20T03:00:00Z recorded; prior state unknown, left as they are: distribution " + DISTRIBUTION
                + ". A person must settle each of them (see unknown-items), then delete " + SNAPSHOT);
    }

    @Test
    void aPartlyRestoredRunFromTagsHasNoSnapshotToDelete() {
        FUNCTIONS.forEach(f -> account.withReserved(f, 0));
        account.withInstanceState(InstanceState.STOPPED).withDistributionEnabled(false)
                .withTag(INSTANCE, "cost-guard:prior-state", "running")
                .withTag(DISTRIBUTION, "cost-guard:prior-enabled", "true");

        RunReport report = recover();

        assertThat(report.summary()).isEqualTo("Recovery partly restored: restored what the items' cost-guard:prior-*"
                + " tags (there was no snapshot at " + SNAPSHOT + ") recorded; prior state unknown, left as they are:"
                + " function relay-connect, function relay-disconnect, function relay-default. A person must settle each"
                + " of them (see unknown-items)");
    }

    @Test
    void aPartlyRestoredDryRunSaysNothingWasChanged() {
        afterPartialShutdown(new Snapshot.InstanceSnapshot(INSTANCE, "running"), null,
                FUNCTIONS.stream().map(f -> new Snapshot.FunctionConcurrency(f, null)).toArray(Snapshot.FunctionConcurrency[]::new));

        RunReport report = recover(true);

        assertThat(account.mutatingCalls()).isEmpty();
        assertThat(report.summary()).startsWith("Recovery partly restored (dry run: nothing was changed): restored what"
                + " the snapshot taken 2026-10-20T03:00:00Z recorded");
    }

    @Test
    void aDryRunSummarySaysItChangedNothing() {
        afterShutdown(5, "running", true);

        assertThat(recover(true).summary()).isEqualTo("Dry run of recovery: nothing was changed");
    }

    @Test
    void aForcedDryRunSummarySaysItWasTheForcedRecovery() {
        account.withInstanceState(InstanceState.STOPPED).withReserved("relay-connect", 0);

        RunReport report = flow(account, account).run(new RecoveryRequest("manual", true, true, "snapshot lost"));

        assertThat(report.summary()).isEqualTo("Dry run of a forced recovery: nothing was changed");
        assertThat(account.mutatingCalls()).isEmpty();
    }

    @Test
    void aForcedRecoveryThatFailsSaysItWasTheForcedOne() {
        account.withInstanceState(InstanceState.STOPPED).withReserved("relay-connect", 0).failing("StartInstances");

        RunReport report = flow(account, account).run(RecoveryRequest.forced("snapshot lost"));

        assertThat(report.summary()).isEqualTo("Forced recovery stopped at start-instance: StartInstances " + INSTANCE
                + " failed: InternalFailure (HTTP 500): injected failure; later steps skipped");
        assertThat(account.reserved("relay-connect")).isZero();
    }

    @Test
    void aRunFromTagsThatFailsKeepsTheTagsAndSaysSo() {
        afterShutdownWithoutSnapshot();
        account.failing("StartInstances");

        RunReport report = recover();

        assertThat(report.summary()).startsWith("Recovery stopped at start-instance: ")
                .endsWith("; later steps skipped, prior-state tags kept");
        assertThat(account.priorTags()).hasSize(5);
    }

    @Test
    void onlyTheFunctionsTagsGoWhenTheInstanceAndTheDistributionAreUnknown() {
        afterPartialShutdown(Snapshot.InstanceSnapshot.unknown(INSTANCE, "DescribeInstances: InternalFailure (HTTP 500)"),
                Snapshot.DistributionSnapshot.unknown(DISTRIBUTION, "GetDistributionConfig: InternalFailure (HTTP 500)"),
                FUNCTIONS.stream().map(f -> new Snapshot.FunctionConcurrency(f, null)).toArray(Snapshot.FunctionConcurrency[]::new));
        account.withTag("relay-connect", "cost-guard:prior-reserved-concurrency", "none");

        RunReport report = recover();

        assertThat(step(report, "clear-tags").items()).extracting(StepResult::name).containsExactlyElementsOf(FUNCTIONS);
        assertThat(account.tags("relay-connect")).isEmpty();
        assertThat(account.calls()).noneMatch(c -> c.startsWith("DeleteTags") || c.startsWith("UntagDistribution"));
    }

    @Test
    void onlyTheInstanceAndDistributionTagsGoWhenNoFunctionIsKnown() {
        afterPartialShutdown(new Snapshot.InstanceSnapshot(INSTANCE, "running"),
                new Snapshot.DistributionSnapshot(DISTRIBUTION, true),
                FUNCTIONS.stream().map(f -> Snapshot.FunctionConcurrency.unknown(f, "GetFunctionConcurrency: Throttling"))
                        .toArray(Snapshot.FunctionConcurrency[]::new));
        account.withTag(INSTANCE, "cost-guard:prior-state", "running");

        RunReport report = recover();

        assertThat(step(report, "clear-tags").items()).extracting(StepResult::name).containsExactly(INSTANCE, DISTRIBUTION);
        assertThat(account.tags(INSTANCE)).isEmpty();
        assertThat(account.calls()).noneMatch(c -> c.startsWith("UntagResource"));
        assertThat(account.reservedByFunction().values()).allMatch(r -> r == 0);
    }

    @Test
    void aSnapshotThatKnowsNothingRemovesNoTag() {
        afterPartialShutdown(Snapshot.InstanceSnapshot.unknown(INSTANCE, "DescribeInstances: InternalFailure (HTTP 500)"),
                Snapshot.DistributionSnapshot.unknown(DISTRIBUTION, "GetDistributionConfig: InternalFailure (HTTP 500)"),
                FUNCTIONS.stream().map(f -> Snapshot.FunctionConcurrency.unknown(f, "GetFunctionConcurrency: Throttling"))
                        .toArray(Snapshot.FunctionConcurrency[]::new));

        RunReport report = recover();

        assertThat(step(report, "clear-tags").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(step(report, "clear-tags").detail()).isEqualTo("no item was restored, so no tag is removed");
        assertThat(account.calls()).noneMatch(c -> c.startsWith("UntagResource") || c.startsWith("DeleteTags")
                || c.startsWith("UntagDistribution"));
        assertThat(step(report, "unknown-items").items()).hasSize(5);
        assertThat(account.parameter(SNAPSHOT)).isPresent();
    }

    @Test
    void everyAwsCallRunsUnderTheRunsDeadline() {
        afterShutdown(null, "running", true);
        List<Deadline> seen = new ArrayList<>();
        Instances watched = new Instances() {
            @Override
            public InstanceStatus describe(String instanceId) {
                seen.add(current.get());
                return account.describe(instanceId);
            }

            @Override
            public InstanceState stop(String instanceId) {
                return account.stop(instanceId);
            }

            @Override
            public InstanceState start(String instanceId) {
                seen.add(current.get());
                return account.start(instanceId);
            }

            @Override
            public InstanceStatus awaitRunning(String instanceId, Duration timeout) {
                return account.awaitRunning(instanceId, timeout);
            }

            @Override
            public InstanceStatus awaitStopped(String instanceId, Duration timeout) {
                return account.awaitStopped(instanceId, timeout);
            }
        };
        Deadline deadline = lambdaDeadline();

        flow(watched, account).run(new RecoveryRequest("schedule", false), deadline);

        assertThat(seen).hasSizeGreaterThanOrEqualTo(3).allSatisfy(d -> assertThat(d).isSameAs(deadline));
    }
}
