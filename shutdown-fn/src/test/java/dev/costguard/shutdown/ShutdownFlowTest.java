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
import dev.costguard.core.time.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShutdownFlowTest {

    private final ShutdownFixtures fx = new ShutdownFixtures();

    private static final List<String> PHASES = List.of("guard", "mark-parked", "snapshot", "throttle-functions",
            "drain", "stop-api-service", "stop-instance", "disable-distribution", "park-services");

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
        assertThat(snapshot.instance()).isEqualTo(new Snapshot.InstanceSnapshot(ShutdownFixtures.INSTANCE, "running"));
        assertThat(snapshot.distribution()).isEqualTo(new Snapshot.DistributionSnapshot(ShutdownFixtures.DISTRIBUTION, true));
        assertThat(step(report, "snapshot").detail()).isEqualTo("recorded 3 of 3 function(s), instance running, "
                + "distribution enabled in " + SNAPSHOT);
        assertThat(fx.account.sentCommands()).singleElement().satisfies(command -> {
            assertThat(command.lines()).containsExactly("systemctl stop nostr-api");
            assertThat(command.timeout()).isEqualTo(Duration.ofSeconds(60));
        });
        assertThat(fx.account.cancelledCommands()).isEmpty();
        assertThat(step(report, "throttle-functions").items()).extracting(StepResult::name, StepResult::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("relay-connect", "reserved concurrency set to 0"),
                        org.assertj.core.groups.Tuple.tuple("relay-disconnect", "reserved concurrency set to 0"),
                        org.assertj.core.groups.Tuple.tuple("relay-default", "reserved concurrency set to 0"));
        assertThat(step(report, "disable-distribution").detail()).isEqualTo("disabled " + ShutdownFixtures.DISTRIBUTION);

        assertThat(fx.account.published()).hasSize(1);
        JsonNode message = Json.MAPPER.readTree(fx.account.published().get(0).message());
        assertThat(fx.account.published().get(0).topicArn()).isEqualTo(RESULT);
        assertThat(message.at("/content/description").asText()).contains("all 9 phases succeeded");
        // The report line first (before the publish), then the publish's own result.
        List<String> lines = fx.log().strip().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode logged = Json.MAPPER.readTree(lines.get(0));
        assertThat(logged.at("/report/overall_success").asBoolean()).isTrue();
        assertThat(lines.get(1)).contains("SUCCEEDED");
        assertThat(ShutdownFlow.needsRetry(report)).isFalse();
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
        // None of the others fails (the drain is skipped when no function could be throttled).
        assertThat(report.steps()).filteredOn(s -> !s.name().equals(phase)).noneMatch(StepResult::failed);
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
        // A retry would be refused the same way: the invocation returns normally.
        assertThat(ShutdownFlow.needsRetry(report)).isFalse();
    }

    @Test
    void refusesABatchWhenAnyRecordComesFromAnUnknownTopic() {
        RunReport report = fx.flow().run(ShutdownRequest.fromSns(List.of(ALERT, "arn:aws:sns:eu-west-1:123456789012:x")));
        assertThat(report.trigger()).isEqualTo("refused");
        assertThat(fx.account.calls()).isEmpty();
    }

    @Test
    void aRefusalNamesOnlyTheUnknownTopicAndEveryConfiguredOne() {
        String other = "arn:aws:sns:eu-west-1:123456789012:x";

        RunReport report = fx.flow().run(ShutdownRequest.fromSns(List.of(ALERT, other, TRIPWIRE, other)));

        assertThat(step(report, "guard").detail()).isEqualTo("refused: topic " + other + " is not a configured trigger"
                + " topic (expected " + ALERT + " or " + TRIPWIRE + ")");

        ShutdownSettings noTripwire = new ShutdownSettings(ShutdownFixtures.FUNCTIONS, ShutdownFixtures.INSTANCE,
                ShutdownFixtures.DISTRIBUTION, ALERT, List.of(), RESULT, SNAPSHOT, Duration.ofSeconds(30), "nostr-api",
                Duration.ofSeconds(60), 10, 4, false, ShutdownFixtures.PARKED, List.of());
        RunReport alone = fx.flow(noTripwire).run(ShutdownRequest.fromSns(List.of(other)));

        assertThat(step(alone, "guard").detail()).isEqualTo("refused: topic " + other + " is not a configured trigger"
                + " topic (expected " + ALERT + ")");
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
        assertThat(step(second, "disable-distribution").detail())
                .isEqualTo(ShutdownFixtures.DISTRIBUTION + " was already disabled");
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
    void aDryRunWithTheInstanceAlreadyStoppedSkipsTheServiceStopAndSaysWhy() {
        fx.account.withInstanceState(InstanceState.STOPPED);

        RunReport report = fx.flow().run(ShutdownRequest.manual("drill", true));

        StepResult stopService = step(report, "stop-api-service");
        assertThat(stopService.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(stopService.detail()).isEqualTo("dry run: instance is stopped, nothing to stop");
        assertThat(fx.account.mutatingCalls()).isEmpty();
    }

    @Test
    void dryRunSettingOverridesARealRequest() {
        fx.flow(ShutdownFixtures.settings(true)).run(ShutdownRequest.fromSns(List.of(ALERT)));
        assertThat(fx.account.mutatingCalls()).isEmpty();
    }

    @Test
    void aCommandStuckInPendingIsCancelledAndTheRestStillRuns() {
        fx.account.withCommandStatuses(CommandStatus.NOT_YET_VISIBLE, CommandStatus.PENDING);

        RunReport report = budgetAlert();

        StepResult stopService = step(report, "stop-api-service");
        assertThat(stopService.status()).isEqualTo(StepStatus.FAILED);
        assertThat(stopService.detail()).isEqualTo("'systemctl stop nostr-api' still PENDING after 60 s (command command-1, "
                + "timeout 60 s); cancelled it (CancelCommand accepted); nostr-api may still be running until the "
                + "instance stops");
        assertThat(fx.account.cancelledCommands()).containsExactly("command-1");
        assertThat(fx.account.mutatingCalls()).containsSubsequence("SendCommand " + ShutdownFixtures.INSTANCE,
                "CancelCommand command-1", "StopInstances " + ShutdownFixtures.INSTANCE);
        assertThat(step(report, "stop-instance").succeeded()).isTrue();
        assertThat(step(report, "disable-distribution").succeeded()).isTrue();
    }

    @Test
    void aCancelThatFailsTooIsReportedWithTheCommandsOwnTimeout() {
        fx.account.withCommandStatuses(CommandStatus.IN_PROGRESS).failing("CancelCommand");

        StepResult stopService = step(budgetAlert(), "stop-api-service");

        assertThat(stopService.status()).isEqualTo(StepStatus.FAILED);
        assertThat(stopService.detail()).contains("still IN_PROGRESS after 60 s (command command-1, timeout 60 s)")
                .contains("CancelCommand failed too (CancelCommand command-1 failed: InternalFailure")
                .contains("SSM drops it if it has not started within its timeout");
    }

    @Test
    void aWaitThatFailsOutrightStillCancelsTheCommand() {
        fx.account.failing("WaitCommandExecuted");

        StepResult stopService = step(budgetAlert(), "stop-api-service");

        assertThat(stopService.detail()).contains("could not be followed (WaitCommandExecuted command-1 failed")
                .contains("cancelled it");
        assertThat(fx.account.cancelledCommands()).containsExactly("command-1");
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

    // ---- item 2: every item recorded, with its value or as unknown ---------------------------------------

    @Test
    void aFunctionWhoseConcurrencyCannotBeReadIsRecordedAsUnknownAndStillThrottled() throws Exception {
        fx.account.withReserved("relay-disconnect", 10).failing("GetFunctionConcurrency relay-disconnect");

        RunReport report = budgetAlert();

        Snapshot snapshot = SnapshotCodec.decode(fx.account.parameter(SNAPSHOT).orElseThrow());
        assertThat(snapshot.functions()).extracting(Snapshot.FunctionConcurrency::name)
                .containsExactly("relay-connect", "relay-disconnect", "relay-default");
        Snapshot.FunctionConcurrency unknown = snapshot.functions().get(1);
        assertThat(unknown.known()).isFalse();
        assertThat(unknown.reservedConcurrency()).isNull();
        assertThat(unknown.unknown()).contains("GetFunctionConcurrency relay-disconnect failed: InternalFailure");
        assertThat(snapshot.functions().get(0).known()).isTrue();

        assertThat(fx.account.reservedByFunction()).containsOnly(Map.entry("relay-connect", 0),
                Map.entry("relay-disconnect", 0), Map.entry("relay-default", 0));
        StepResult snapshotStep = step(report, "snapshot");
        assertThat(snapshotStep.status()).isEqualTo(StepStatus.FAILED);
        assertThat(snapshotStep.detail()).startsWith("recorded 2 of 3 function(s)")
                .endsWith("unknown (recorded as such, recovery leaves them as they are): relay-disconnect");
        assertThat(step(report, "throttle-functions").succeeded()).isTrue();
        assertThat(report.summary()).contains("1 of 9 phases failed (snapshot)")
                .contains("Prior state unknown for relay-disconnect: recovery will leave them as they are");
        String slack = Json.MAPPER.readTree(fx.account.published().get(0).message()).at("/content/description").asText();
        assertThat(slack).contains("relay-disconnect: failed — GetFunctionConcurrency relay-disconnect failed");
        assertThat(ShutdownFlow.needsRetry(report)).isTrue();
    }

    @Test
    void anUnreadableInstanceAndDistributionAreRecordedAsUnknownNotAsNull() {
        fx.account.failing("DescribeInstances").failing("GetDistributionConfig");

        RunReport report = budgetAlert();

        Snapshot snapshot = SnapshotCodec.decode(fx.account.parameter(SNAPSHOT).orElseThrow());
        assertThat(snapshot.instance().instanceId()).isEqualTo(ShutdownFixtures.INSTANCE);
        assertThat(snapshot.instance().known()).isFalse();
        assertThat(snapshot.instance().unknown()).contains("DescribeInstances");
        assertThat(snapshot.distribution().distributionId()).isEqualTo(ShutdownFixtures.DISTRIBUTION);
        assertThat(snapshot.distribution().known()).isFalse();
        assertThat(snapshot.distribution().enabled()).isNull();
        assertThat(report.summary()).contains("Prior state unknown for " + ShutdownFixtures.INSTANCE + ", "
                + ShutdownFixtures.DISTRIBUTION);
        assertThat(fx.account.reservedByFunction()).containsOnlyKeys(ShutdownFixtures.FUNCTIONS).allSatisfy((f, r) ->
                assertThat(r).isZero());
        assertThat(fx.account.instanceState()).isEqualTo(InstanceState.STOPPING);
    }

    @Test
    void anEarlierSnapshotIsWrittenOnlyIfAbsentWhenLookingForItFails() {
        fx.account.failing("GetParameter");

        StepResult snapshot = step(budgetAlert(), "snapshot");

        assertThat(snapshot.status()).isEqualTo(StepStatus.FAILED);
        assertThat(snapshot.detail()).contains("could not check for an earlier snapshot");
        assertThat(fx.account.parameter(SNAPSHOT)).isPresent();
    }

    // ---- item 4: size, and a snapshot that cannot be written ----------------------------------------------

    @Test
    void threeHundredFunctionsFitOneParameterCompressed() {
        List<String> names = IntStream.range(0, 300).mapToObj(i -> "cost-guard-demo-relay-function-" + i).toList();
        ShutdownFixtures many = new ShutdownFixtures(names);
        many.account.withReserved(names.get(7), 25);

        RunReport report = many.flow().run(ShutdownRequest.fromSns(List.of(ALERT)));

        String stored = many.account.parameter(SNAPSHOT).orElseThrow();
        assertThat(stored).contains("\"encoding\":\"gzip+base64\"").hasSizeLessThanOrEqualTo(SnapshotCodec.MAX_STORED);
        Snapshot snapshot = SnapshotCodec.decode(stored);
        assertThat(snapshot.functions()).hasSize(300).allMatch(Snapshot.FunctionConcurrency::known);
        assertThat(snapshot.functions().get(7).reservedConcurrency()).isEqualTo(25);
        assertThat(report.overallSuccess()).isTrue();
    }

    @Test
    void aSnapshotTooLargeEvenCompressedFailsLoudlyAndThrottlingGoesOn() throws Exception {
        Random random = new Random(7);
        List<String> names = IntStream.range(0, 400).mapToObj(i -> randomName(random)).toList();
        ShutdownFixtures many = new ShutdownFixtures(names);

        RunReport report = many.flow().run(ShutdownRequest.fromSns(List.of(ALERT)));

        assertThat(many.account.parameter(SNAPSHOT)).isEmpty();
        assertThat(step(report, "snapshot").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, "snapshot").detail()).startsWith("prior state NOT saved in " + SNAPSHOT + ": the snapshot is ")
                .contains("an SSM parameter holds at most 8192");
        assertThat(step(report, "snapshot").items()).hasSize(402);
        assertThat(many.account.reservedByFunction().values()).allMatch(r -> r == 0);
        assertThat(report.summary()).contains("The prior state was NOT saved");
        String slack = Json.MAPPER.readTree(many.account.published().get(0).message()).at("/content/description").asText();
        assertThat(slack).contains("The prior state was NOT saved");
    }

    @Test
    void aRefusedPutParameterSaysThePriorStateWasNotSavedAndThrottlingGoesOn() {
        fx.account.withReserved("relay-default", 5).failing("PutParameter");

        RunReport report = budgetAlert();

        assertThat(step(report, "snapshot").detail()).startsWith("prior state NOT saved in " + SNAPSHOT
                + ": PutParameter " + SNAPSHOT + " failed").endsWith("; the values read are listed here, and each item"
                        + " carries its own in its cost-guard:prior-* tags");
        // The values read are still in the report: the only record a person has now.
        assertThat(step(report, "snapshot").items()).anySatisfy(item -> {
            assertThat(item.name()).isEqualTo("relay-default");
            assertThat(item.detail()).isEqualTo("reserved concurrency 5, tagged on the item as the prior value");
        });
        // The parked marker is a parameter too: its phase fails with the snapshot's and says what that means.
        assertThat(report.summary()).contains("2 of 9 phases failed (mark-parked, snapshot)")
                .contains("The prior state was NOT saved in the snapshot, but every item carries it in its"
                        + " cost-guard:prior-* tags: recovery restores from them");
        assertThat(fx.account.reserved("relay-default")).isZero();
        assertThat(fx.account.instanceState()).isEqualTo(InstanceState.STOPPING);
    }

    @Test
    void whenNeitherTheSnapshotNorAnItemsTagHoldsItsPriorValueTheReportIsTheOnlyRecordAndSaysSo() {
        fx.account.withReserved("relay-default", 5).failing("PutParameter " + SNAPSHOT)
                .failing("TagResource relay-default");

        RunReport report = budgetAlert();

        StepResult snapshot = step(report, "snapshot");
        assertThat(snapshot.detail()).startsWith("prior state NOT saved in " + SNAPSHOT + ": PutParameter " + SNAPSHOT
                + " failed").endsWith("; the values read are listed here");
        assertThat(snapshot.items()).filteredOn(StepResult::failed).singleElement().satisfies(item -> {
            assertThat(item.name()).isEqualTo("relay-default");
            assertThat(item.detail()).startsWith("reserved concurrency 5; prior-state tag NOT written");
        });
        assertThat(report.summary()).endsWith(". The prior state was NOT saved: recovery cannot restore relay-default"
                + " (no prior-state tag on them either); the values read are in the snapshot phase below, restore them"
                + " by hand");
        assertThat(fx.account.reserved("relay-default")).isZero();
    }

    @Test
    void aSnapshotAnotherRunWroteBetweenTheLookUpAndTheWriteIsKept() {
        String other = SnapshotCodec.encode(new Snapshot(2, "shutdown", Instant.parse("2026-10-31T23:59:00Z"),
                "usage-tripwire", List.of(), null, null, null));
        // A concurrent kill switch (SNS delivers at least once) saves its snapshot just after this run looked.
        dev.costguard.core.fakes.InMemoryAccount racing = new dev.costguard.core.fakes.InMemoryAccount(
                ShutdownFixtures.INSTANCE, ShutdownFixtures.DISTRIBUTION, ShutdownFixtures.FUNCTIONS.toArray(String[]::new)) {
            private boolean raced;

            @Override
            public synchronized java.util.Optional<String> get(String name) {
                java.util.Optional<String> found = super.get(name);
                if (name.equals(SNAPSHOT) && !raced) {
                    raced = true;
                    withParameter(SNAPSHOT, other);
                }
                return found;
            }
        };
        racing.withReserved("relay-default", 5);

        RunReport report = fx.flow(ShutdownFixtures.settings(false), racing).run(ShutdownRequest.fromSns(List.of(ALERT)));

        assertThat(racing.parameter(SNAPSHOT)).hasValue(other);
        StepResult snapshot = step(report, "snapshot");
        assertThat(snapshot.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(snapshot.detail()).isEqualTo("another run recorded a snapshot first; kept it");
        assertThat(snapshot.items()).extracting(StepResult::name).containsExactly("relay-connect", "relay-disconnect",
                "relay-default", ShutdownFixtures.INSTANCE, ShutdownFixtures.DISTRIBUTION);
        assertThat(racing.tags("relay-default")).containsEntry("cost-guard:prior-reserved-concurrency", "5");
        assertThat(report.summary()).isEqualTo("Kill switch fired by the budget alert: all 9 phases succeeded");
        assertThat(racing.reservedByFunction().values()).allMatch(r -> r == 0);
    }

    @Test
    void anUntaggedFunctionAtZeroIsUnknownWhenAnEarlierRunTaggedAnotherItemButOneAtItsOwnValueIsKept() {
        // Run 1 tagged the instance, could not tag relay-connect, throttled it anyway, and saved no snapshot.
        fx.account.withReserved("relay-connect", 0).withReserved("relay-default", 5)
                .withTag(ShutdownFixtures.INSTANCE, "cost-guard:prior-state", "running");

        RunReport report = budgetAlert();

        Snapshot snapshot = SnapshotCodec.decode(fx.account.parameter(SNAPSHOT).orElseThrow());
        assertThat(snapshot.functions().get(0).known()).isFalse();
        assertThat(snapshot.functions().get(0).unknown()).isEqualTo("reserved concurrency 0 is what the kill switch"
                + " sets, and an earlier run tagged other items but not this one: it may be that run's work, so its"
                + " prior value is unknown");
        assertThat(snapshot.functions().subList(1, 3)).containsExactly(
                new Snapshot.FunctionConcurrency("relay-disconnect", null),
                new Snapshot.FunctionConcurrency("relay-default", 5));
        assertThat(fx.account.tags("relay-connect")).isEmpty();
        assertThat(fx.account.tags("relay-default")).containsEntry("cost-guard:prior-reserved-concurrency", "5");
        assertThat(report.summary()).contains("Prior state unknown for relay-connect: recovery will leave them as they are");
    }

    // ---- item 5: deadlines ---------------------------------------------------------------------------------

    @Test
    void withNoDrainConfiguredTheDrainWaitsForNothingAndSaysSo() {
        ShutdownSettings noDrain = new ShutdownSettings(ShutdownFixtures.FUNCTIONS, ShutdownFixtures.INSTANCE,
                ShutdownFixtures.DISTRIBUTION, ALERT, List.of(TRIPWIRE), RESULT, SNAPSHOT, Duration.ZERO, "nostr-api",
                Duration.ofSeconds(60), 10, 4, false, ShutdownFixtures.PARKED, List.of());

        RunReport report = fx.flow(noDrain).run(ShutdownRequest.fromSns(List.of(ALERT)));

        assertThat(step(report, "drain").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(step(report, "drain").detail()).isEqualTo("no drain wait configured");
        assertThat(fx.time.slept()).isLessThan(Duration.ofSeconds(1));
        assertThat(report.overallSuccess()).isTrue();
    }

    @Test
    void theSnapshotsReadsRunUnderHalfTheTimeLeftSoThrottlingAlwaysGetsItsTurn() {
        List<Deadline> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.costguard.core.fakes.InMemoryAccount watched = new dev.costguard.core.fakes.InMemoryAccount(
                ShutdownFixtures.INSTANCE, ShutdownFixtures.DISTRIBUTION, ShutdownFixtures.FUNCTIONS.toArray(String[]::new)) {
            @Override
            public synchronized java.util.OptionalInt reservedConcurrency(String functionName) {
                seen.add(fx.current.get());
                return super.reservedConcurrency(functionName);
            }

            @Override
            public synchronized boolean isEnabled(String id) {
                seen.add(fx.current.get());
                return super.isEnabled(id);
            }
        };
        Instant start = fx.time.instant();
        Deadline deadline = Deadline.fromRemaining(fx.time, Duration.ofSeconds(170), Duration.ofSeconds(10));

        fx.flow(ShutdownFixtures.settings(false), watched).run(ShutdownRequest.fromSns(List.of(ALERT)), deadline);

        // 160 s for the steps: the reads' calls are capped to (at most) the first 80 s of them.
        assertThat(seen).hasSize(4).allSatisfy(d -> {
            assertThat(d).isNotSameAs(deadline);
            assertThat(d.end()).isAfter(start).isBeforeOrEqualTo(start.plusSeconds(80));
        });
    }

    @Test
    void aRetriedRunWhoseFunctionsAllCarryTheirTagsSpendsNoRateLimitSlotOnTaggingAndThrottlesThemAll() {
        // One worker, so the rate limiter's slots (100 ms apart) fall at exact times: 40 reads take 4 s and 40
        // throttle calls 4 more, inside the 11 s the steps have. Slots spent on tags with nothing to write would
        // push the last throttle calls past the deadline.
        List<String> names = IntStream.range(0, 40).mapToObj(i -> "relay-" + i).toList();
        ShutdownFixtures retried = new ShutdownFixtures(names);
        names.forEach(name -> retried.account.withReserved(name, 0)
                .withTag(name, "cost-guard:prior-reserved-concurrency", "7"));
        ShutdownSettings oneWorker = new ShutdownSettings(names, ShutdownFixtures.INSTANCE, ShutdownFixtures.DISTRIBUTION,
                ALERT, List.of(TRIPWIRE), RESULT, SNAPSHOT, Duration.ofSeconds(30), "nostr-api", Duration.ofSeconds(60),
                10, 1, false, ShutdownFixtures.PARKED, List.of());
        Deadline deadline = Deadline.fromRemaining(retried.time, Duration.ofSeconds(21), Duration.ofSeconds(10));

        RunReport report = retried.flow(oneWorker).run(ShutdownRequest.fromSns(List.of(ALERT)), deadline);

        assertThat(SnapshotCodec.decode(retried.account.parameter(SNAPSHOT).orElseThrow()).functions())
                .hasSize(40).allMatch(f -> Integer.valueOf(7).equals(f.reservedConcurrency()));
        assertThat(retried.account.calls()).noneMatch(call -> call.startsWith("TagResource"));
        assertThat(step(report, "throttle-functions").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(retried.account.calls()).filteredOn(call -> call.startsWith("PutFunctionConcurrency")).hasSize(40);
    }

    @Test
    void withExactlyOneSecondLeftForItTheCommandIsStillSentAndAwaitedForThatSecond() {
        // One function, so one fan-out worker: the phases before the drain take the same time in both runs.
        ShutdownFixtures measured = new ShutdownFixtures(List.of("relay-connect"));
        Instant measuredStart = measured.time.instant();
        RunReport unbounded = measured.flow().run(ShutdownRequest.fromSns(List.of(ALERT)));
        Duration beforeDrain = Duration.between(measuredStart, step(unbounded, "drain").startedAt());

        ShutdownFixtures one = new ShutdownFixtures(List.of("relay-connect"));
        // After the full 30 s drain, 16 s are left: 15 s kept for the later phases and exactly 1 s for the command.
        Deadline deadline = Deadline.fromRemaining(one.time, beforeDrain.plusSeconds(30 + 16 + 10), Duration.ofSeconds(10));

        RunReport report = one.flow().run(ShutdownRequest.fromSns(List.of(ALERT)), deadline);

        assertThat(step(report, "drain").detail()).isEqualTo("waited 30 s for in-flight invocations to finish");
        assertThat(one.account.sentCommands()).singleElement()
                .satisfies(command -> assertThat(command.timeout()).isEqualTo(Duration.ofSeconds(60)));
        assertThat(one.account.commandWaits()).containsExactly(Duration.ofSeconds(1));
        assertThat(step(report, "stop-api-service").status()).isEqualTo(StepStatus.SUCCEEDED);
    }

    @Test
    void theDrainIsSkippedWithTheReasonWhenEveryThrottleCallFailed() {
        fx.account.failing("PutFunctionConcurrency");

        RunReport report = budgetAlert();

        assertThat(step(report, "drain").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(step(report, "drain").detail()).startsWith("every throttle call failed");
        assertThat(fx.time.slept()).isLessThan(Duration.ofSeconds(30));
        assertThat(fx.account.instanceState()).isEqualTo(InstanceState.STOPPING);
    }

    @Test
    void withLittleTimeLeftTheDrainAndTheCommandWaitShrinkToLeaveRoomForStoppingTheHost() {
        // 60 s left, 10 s of it for the report: 50 s of steps. The drain keeps 15 s for what follows.
        Deadline deadline = Deadline.fromRemaining(fx.time, Duration.ofSeconds(60), Duration.ofSeconds(10));

        RunReport report = fx.flow().run(ShutdownRequest.fromSns(List.of(ALERT)), deadline);

        assertThat(step(report, "drain").detail()).isEqualTo("waited 30 s for in-flight invocations to finish");
        // About 5 s were left for the command once the 15 s for the later phases were kept (rate limiting took the rest).
        assertThat(fx.account.commandWaits()).singleElement().satisfies(wait ->
                assertThat(wait).isGreaterThan(Duration.ofSeconds(4)).isLessThanOrEqualTo(Duration.ofSeconds(5)));
        assertThat(report.overallSuccess()).isTrue();
        assertThat(fx.time.instant()).isBefore(deadline.end());
    }

    @Test
    void withAlmostNoTimeTheCommandIsNotSentAndTheHostIsStillStopped() {
        Deadline deadline = Deadline.fromRemaining(fx.time, Duration.ofSeconds(40), Duration.ofSeconds(10));

        RunReport report = fx.flow().run(ShutdownRequest.fromSns(List.of(ALERT)), deadline);

        StepResult drain = step(report, "drain");
        assertThat(drain.detail()).matches("waited 1[45] of 30 s for in-flight invocations: the rest "
                + "is kept for stopping the host before the Lambda timeout");
        assertThat(drain.startedAt().plus(drain.duration())).isEqualTo(deadline.end().minus(ShutdownFlow.KEEP_FOR_LATER_PHASES));
        assertThat(step(report, "stop-api-service").detail()).startsWith("'systemctl stop nostr-api' not sent: "
                + Deadline.NO_TIME);
        assertThat(fx.account.sentCommands()).isEmpty();
        assertThat(fx.account.instanceState()).isEqualTo(InstanceState.STOPPING);
        assertThat(fx.account.distributionEnabled()).isFalse();
    }

    @Test
    void aNeverAnsweringEndpointStillGetsTheReportOutBeforeTheLambdaTimeout() throws Exception {
        List<String> nine = IntStream.rangeClosed(1, 9).mapToObj(i -> "relay-" + i).toList();
        ShutdownSettings settings = new ShutdownSettings(nine, ShutdownFixtures.INSTANCE, ShutdownFixtures.DISTRIBUTION,
                ALERT, List.of(), RESULT, SNAPSHOT, Duration.ofSeconds(30), "nostr-api", Duration.ofSeconds(60), 10, 4,
                false, ShutdownFixtures.PARKED, List.of());
        SilentAccount silent = new SilentAccount(fx.time, fx.current, Duration.ofSeconds(20));
        Instant start = fx.time.instant();
        Instant lambdaTimeout = start.plusSeconds(180);

        RunReport report = fx.flow(settings, silent).run(ShutdownRequest.fromSns(List.of(ALERT)),
                Deadline.fromRemaining(fx.time, Duration.ofSeconds(180), InvocationDeadline.REPORT_RESERVE));

        // The report line is logged before the publish, and the publish ends before Lambda would cut the run off.
        List<String> lines = fx.log().strip().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode logged = Json.MAPPER.readTree(lines.get(0)).get("report");
        assertThat(logged.get("steps")).hasSize(9);
        assertThat(silent.sent()).last().isEqualTo("Publish " + RESULT);
        assertThat(report.notification().status()).isEqualTo(StepStatus.FAILED);
        assertThat(fx.time.instant()).isBefore(lambdaTimeout);
        // The snapshot's reads had half the time, so throttling was still tried.
        assertThat(silent.sent()).anyMatch(call -> call.startsWith("PutFunctionConcurrency"));
        assertThat(step(report, "throttle-functions").items()).extracting(StepResult::detail)
                .contains(Deadline.NO_TIME);
        for (String phase : List.of("stop-api-service", "stop-instance", "disable-distribution")) {
            assertThat(step(report, phase).status()).isEqualTo(StepStatus.FAILED);
            assertThat(step(report, phase).detail()).isEqualTo(Deadline.NO_TIME);
        }
        assertThat(report.summary()).contains("The prior state was NOT saved");
        assertThat(ShutdownFlow.needsRetry(report)).isTrue();
    }

    // ---- item 6: which runs end in an error -----------------------------------------------------------------

    @Test
    void aFailedPhaseAsksForARetryButADryRunNeverDoes() {
        fx.account.failing("StopInstances");
        assertThat(ShutdownFlow.needsRetry(budgetAlert())).isTrue();

        ShutdownFixtures dry = new ShutdownFixtures();
        dry.account.failing("GetFunctionConcurrency");
        RunReport dryRun = dry.flow().run(ShutdownRequest.manual("checking", true));
        assertThat(dryRun.overallSuccess()).isFalse();
        assertThat(ShutdownFlow.needsRetry(dryRun)).isFalse();
    }

    private static String randomName(Random random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return name.toString();
    }

    // ---- prior state on the items (issue 15) ----------------------------------------------------------------

    @Test
    void aRetriedRunKeepsThePriorValuesTheFirstRunTaggedInsteadOfItsOwnWork() {
        fx.account.withReserved("relay-default", 5).failing("PutParameter");
        RunReport first = budgetAlert();
        assertThat(ShutdownFlow.needsRetry(first)).isTrue();
        assertThat(fx.account.tags("relay-default")).containsEntry("cost-guard:prior-reserved-concurrency", "5");
        String recordedAt = fx.account.tags("relay-default").get("cost-guard:prior-recorded-at");
        assertThat(Instant.parse(recordedAt)).isBetween(first.startedAt(), fx.time.instant());
        fx.account.healing("PutParameter");

        RunReport retry = budgetAlert();

        Snapshot snapshot = SnapshotCodec.decode(fx.account.parameter(SNAPSHOT).orElseThrow());
        assertThat(snapshot.functions()).containsExactly(new Snapshot.FunctionConcurrency("relay-connect", null),
                new Snapshot.FunctionConcurrency("relay-disconnect", null),
                new Snapshot.FunctionConcurrency("relay-default", 5));
        assertThat(snapshot.instance()).isEqualTo(new Snapshot.InstanceSnapshot(ShutdownFixtures.INSTANCE, "running"));
        assertThat(snapshot.distribution()).isEqualTo(new Snapshot.DistributionSnapshot(ShutdownFixtures.DISTRIBUTION, true));
        assertThat(step(retry, "snapshot").items()).anySatisfy(item -> assertThat(item.detail()).isEqualTo(
                "kept the prior value reserved concurrency 5 recorded at " + recordedAt + " by an earlier run"
                        + " (now reserved concurrency 0)"));
        assertThat(step(retry, "snapshot").items()).anySatisfy(item -> assertThat(item.detail())
                .startsWith("kept the prior value instance running recorded at ").endsWith("(now instance stopping)"));
        assertThat(retry.overallSuccess()).isTrue();
    }

    @Test
    void aPriorStateTagAlreadyOnAnItemIsNeverOverwritten() {
        fx.account.withReserved("relay-default", 0).withTag("relay-default", "cost-guard:prior-reserved-concurrency", "7");

        RunReport report = budgetAlert();

        assertThat(fx.account.calls()).doesNotContain("TagResource relay-default").contains("TagResource relay-connect");
        assertThat(fx.account.tags("relay-default")).containsExactly(Map.entry("cost-guard:prior-reserved-concurrency", "7"));
        Snapshot snapshot = SnapshotCodec.decode(fx.account.parameter(SNAPSHOT).orElseThrow());
        assertThat(snapshot.functions()).contains(new Snapshot.FunctionConcurrency("relay-default", 7));
        assertThat(step(report, "snapshot").items()).anySatisfy(item -> assertThat(item.detail()).isEqualTo(
                "kept the prior value reserved concurrency 7 recorded at an unknown time by an earlier run"
                        + " (now reserved concurrency 0)"));
        assertThat(step(report, "snapshot").status()).isEqualTo(StepStatus.SUCCEEDED);
    }

    @Test
    void aFailedTagWriteIsReportedForThatItemAndTheItemIsStillThrottled() {
        fx.account.withReserved("relay-default", 5).failing("TagResource relay-default");

        RunReport report = budgetAlert();

        assertThat(step(report, "snapshot").status()).isEqualTo(StepStatus.FAILED);
        assertThat(step(report, "snapshot").items()).filteredOn(StepResult::failed).singleElement().satisfies(item -> {
            assertThat(item.name()).isEqualTo("relay-default");
            assertThat(item.detail()).startsWith("reserved concurrency 5; prior-state tag NOT written (TagResource"
                    + " relay-default failed").endsWith("): only the snapshot holds it");
        });
        Snapshot snapshot = SnapshotCodec.decode(fx.account.parameter(SNAPSHOT).orElseThrow());
        assertThat(snapshot.functions()).contains(new Snapshot.FunctionConcurrency("relay-default", 5));
        assertThat(fx.account.reserved("relay-default")).isZero();
        assertThat(ShutdownFlow.needsRetry(report)).isTrue();
    }

    @Test
    void tagsThatCannotBeReadLeaveThePriorStateUnknownRatherThanTrustTheValueReadNow() {
        fx.account.withReserved("relay-default", 0).failing("DescribeTags");

        RunReport report = budgetAlert();

        Snapshot snapshot = SnapshotCodec.decode(fx.account.parameter(SNAPSHOT).orElseThrow());
        assertThat(snapshot.instance().known()).isFalse();
        assertThat(snapshot.instance().unknown()).startsWith("cannot read its cost-guard:prior-* tags (DescribeTags")
                .endsWith("so the value read now (instance running) may be an earlier run's work and is not taken for"
                        + " the prior one");
        assertThat(fx.account.calls()).doesNotContain("CreateTags " + ShutdownFixtures.INSTANCE);
        assertThat(report.summary()).contains("Prior state unknown for " + ShutdownFixtures.INSTANCE);
    }

    @Test
    void aDryRunTagsNothing() {
        fx.flow(ShutdownFixtures.settings(true)).run(ShutdownRequest.fromSns(List.of(ALERT)));

        assertThat(fx.account.priorTags()).isEmpty();
        assertThat(fx.account.mutatingCalls()).isEmpty();
    }

    @Test
    void anUntaggedItemAtWhatTheKillSwitchSetsIsUnknownWhenAnEarlierRunTaggedOthers() {
        // Run 1 tagged the functions, could not tag the distribution, disabled it anyway, and saved no snapshot.
        fx.account.withReserved("relay-default", 0).withDistributionEnabled(false)
                .withTag("relay-default", "cost-guard:prior-reserved-concurrency", "10");

        RunReport report = budgetAlert();

        Snapshot snapshot = SnapshotCodec.decode(fx.account.parameter(SNAPSHOT).orElseThrow());
        assertThat(snapshot.distribution().known()).isFalse();
        assertThat(snapshot.distribution().unknown()).isEqualTo("disabled is what the kill switch sets, and an earlier"
                + " run tagged other items but not this one: it may be that run's work, so its prior value is unknown");
        assertThat(fx.account.tags(ShutdownFixtures.DISTRIBUTION)).isEmpty();
        // A value the kill switch never sets is still the item's own.
        assertThat(snapshot.instance()).isEqualTo(new Snapshot.InstanceSnapshot(ShutdownFixtures.INSTANCE, "running"));
        assertThat(report.summary()).contains("Prior state unknown for " + ShutdownFixtures.DISTRIBUTION);
    }

    @Test
    void anUnreadableEarlierSnapshotIsReportedAsOneToCheckBeforeRecovering() {
        fx.account.withParameter(SNAPSHOT, "{\"schemaVersion\":9}");

        RunReport report = budgetAlert();

        assertThat(report.summary()).endsWith("1 of 9 phases failed (snapshot). The stored snapshot cannot be read by"
                + " this build and was left untouched: check it before recovering");
        assertThat(step(report, "snapshot").detail()).startsWith(SNAPSHOT + " holds a snapshot this build cannot read (");
    }

    @Test
    void everyAwsCallRunsUnderTheRunsDeadline() {
        // An earlier snapshot is kept, so no phase sets a deadline of its own: what the calls see is the run's.
        fx.account.withParameter(SNAPSHOT, SnapshotCodec.encode(new Snapshot(2, "shutdown",
                Instant.parse("2026-10-01T00:00:00Z"), "budget-alert", List.of(), null, null, null)));
        List<Deadline> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.costguard.core.fakes.InMemoryAccount watched = new dev.costguard.core.fakes.InMemoryAccount(
                ShutdownFixtures.INSTANCE, ShutdownFixtures.DISTRIBUTION, ShutdownFixtures.FUNCTIONS.toArray(String[]::new)) {
            @Override
            public synchronized void reserveConcurrency(String functionName, int concurrency) {
                seen.add(fx.current.get());
                super.reserveConcurrency(functionName, concurrency);
            }

            @Override
            public synchronized InstanceState stop(String id) {
                seen.add(fx.current.get());
                return super.stop(id);
            }
        };
        watched.withParameter(SNAPSHOT, fx.account.parameter(SNAPSHOT).orElseThrow());
        Deadline deadline = Deadline.fromRemaining(fx.time, Duration.ofSeconds(170), Duration.ofSeconds(10));

        fx.flow(ShutdownFixtures.settings(false), watched).run(ShutdownRequest.fromSns(List.of(ALERT)), deadline);

        assertThat(seen).hasSize(4).allSatisfy(d -> assertThat(d).isSameAs(deadline));
    }

    /** The fake account, each of whose reads of one kind takes this long on the run's clock. */
    private dev.costguard.core.fakes.InMemoryAccount slowReads(Duration perFunction, Duration instanceRead) {
        return new dev.costguard.core.fakes.InMemoryAccount(ShutdownFixtures.INSTANCE, ShutdownFixtures.DISTRIBUTION,
                ShutdownFixtures.FUNCTIONS.toArray(String[]::new)) {
            private boolean instanceReadOnce;

            @Override
            public synchronized java.util.OptionalInt reservedConcurrency(String functionName) {
                fx.time.advance(perFunction);
                return super.reservedConcurrency(functionName);
            }

            @Override
            public synchronized dev.costguard.core.ports.InstanceStatus describe(String id) {
                if (!instanceReadOnce) {
                    instanceReadOnce = true;
                    fx.time.advance(instanceRead);
                }
                return super.describe(id);
            }
        };
    }

    @Test
    void whenTheFunctionReadsUseUpTheSnapshotsShareTheInstanceAndDistributionAreSavedAsUnknownWithTheReason() {
        // 160 s for the steps, so 80 s for the snapshot's reads; the three function reads take 90 s.
        dev.costguard.core.fakes.InMemoryAccount account = slowReads(Duration.ofSeconds(30), Duration.ZERO);
        account.withReserved("relay-default", 10);
        Deadline deadline = Deadline.fromRemaining(fx.time, Duration.ofSeconds(170), Duration.ofSeconds(10));

        RunReport report = fx.flow(ShutdownFixtures.settings(false), account).run(ShutdownRequest.fromSns(List.of(ALERT)),
                deadline);

        Snapshot saved = SnapshotCodec.decode(account.parameter(SNAPSHOT).orElseThrow());
        assertThat(saved.functions()).as("what was read is saved").containsExactly(
                new Snapshot.FunctionConcurrency("relay-connect", null),
                new Snapshot.FunctionConcurrency("relay-disconnect", null),
                new Snapshot.FunctionConcurrency("relay-default", 10));
        assertThat(saved.instance()).isEqualTo(Snapshot.InstanceSnapshot.unknown(ShutdownFixtures.INSTANCE, Deadline.NO_TIME));
        assertThat(saved.distribution())
                .isEqualTo(Snapshot.DistributionSnapshot.unknown(ShutdownFixtures.DISTRIBUTION, Deadline.NO_TIME));
        assertThat(step(report, "snapshot").items()).filteredOn(item -> !item.name().startsWith("relay-"))
                .extracting(StepResult::name, StepResult::status, StepResult::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ShutdownFixtures.INSTANCE, StepStatus.FAILED, Deadline.NO_TIME),
                        org.assertj.core.groups.Tuple.tuple(ShutdownFixtures.DISTRIBUTION, StepStatus.FAILED, Deadline.NO_TIME));
        assertThat(step(report, "snapshot").detail()).contains("unknown (recorded as such, recovery leaves them as they are): "
                + ShutdownFixtures.INSTANCE + ", " + ShutdownFixtures.DISTRIBUTION);
        assertThat(account.instanceState()).as("the host is still stopped").isIn(InstanceState.STOPPING, InstanceState.STOPPED);
    }

    @Test
    void whenTheInstanceReadUsesUpTheSnapshotsShareItsStateIsSavedAndTheDistributionIsUnknownWithTheReason() {
        dev.costguard.core.fakes.InMemoryAccount account = slowReads(Duration.ZERO, Duration.ofSeconds(90));
        Deadline deadline = Deadline.fromRemaining(fx.time, Duration.ofSeconds(170), Duration.ofSeconds(10));

        RunReport report = fx.flow(ShutdownFixtures.settings(false), account).run(ShutdownRequest.fromSns(List.of(ALERT)),
                deadline);

        Snapshot saved = SnapshotCodec.decode(account.parameter(SNAPSHOT).orElseThrow());
        assertThat(saved.instance()).isEqualTo(new Snapshot.InstanceSnapshot(ShutdownFixtures.INSTANCE, "running"));
        assertThat(saved.distribution())
                .isEqualTo(Snapshot.DistributionSnapshot.unknown(ShutdownFixtures.DISTRIBUTION, Deadline.NO_TIME));
        assertThat(step(report, "snapshot").items()).filteredOn(item -> item.name().equals(ShutdownFixtures.DISTRIBUTION))
                .singleElement().satisfies(item -> {
                    assertThat(item.status()).isEqualTo(StepStatus.FAILED);
                    assertThat(item.detail()).isEqualTo(Deadline.NO_TIME);
                });
    }
}
