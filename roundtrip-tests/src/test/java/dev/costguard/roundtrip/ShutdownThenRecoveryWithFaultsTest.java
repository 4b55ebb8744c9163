package dev.costguard.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryAccount;
import dev.costguard.core.fakes.InMemoryEcs;
import dev.costguard.core.parked.ParkedMarker;
import dev.costguard.core.json.Json;
import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.snapshot.PriorTags;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.recovery.RecoveryFlow;
import dev.costguard.recovery.RecoveryRequest;
import dev.costguard.recovery.RecoverySettings;
import dev.costguard.shutdown.ShutdownFlow;
import dev.costguard.shutdown.ShutdownRequest;
import dev.costguard.shutdown.ShutdownSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * The kill switch then recovery over seeded random accounts, with seeded random AWS failures injected into both.
 * Whatever fails, nothing of the prior state is lost silently: after a successful recovery the account is exactly
 * as before; otherwise every item is back as it was or still recorded in the snapshot, and every item the
 * snapshot could not record is named in the recovery's report.
 */
class ShutdownThenRecoveryWithFaultsTest {

    static final String ALERT = "arn:aws:sns:ap-northeast-1:123456789012:alert";
    static final String RESULT = "arn:aws:sns:ap-northeast-1:123456789012:result";
    static final String SNAPSHOT = "/cost-guard/test/kill-switch-snapshot";
    static final String PARKED = "/cost-guard/test/parked";
    static final String INSTANCE = "i-0123456789abcdef0";
    static final String DISTRIBUTION = "E2TESTDIST0001";

    private final FakeTime time = new FakeTime();
    /** No ECS service is configured in these round trips (EstateParkedAndRestoredTest has them). */
    private final InMemoryEcs ecs = new InMemoryEcs();
    private final RunReportLog quietLog = new RunReportLog(new PrintStream(OutputStream.nullOutputStream()), time);

    private RunReport shutdown(InMemoryAccount account, List<String> functions) {
        ShutdownSettings settings = new ShutdownSettings(functions, INSTANCE, DISTRIBUTION, ALERT, List.of(), RESULT,
                SNAPSHOT, Duration.ofSeconds(30), "nostr-api", Duration.ofSeconds(60), 10, 4, false, PARKED, List.of());
        CurrentDeadline current = new CurrentDeadline(time);
        return new ShutdownFlow(settings, account, account, account, account, account, account, account, account,
                new RunFinisher(quietLog, new ReportPublisher(account, time), current), current, time, time,
                new ParkedMarker(account, PARKED), ecs, ecs, ecs).run(ShutdownRequest.fromSns(List.of(ALERT)));
    }

    private RunReport recover(InMemoryAccount account, List<String> functions) {
        RecoverySettings settings = new RecoverySettings(functions, INSTANCE, DISTRIBUTION, RESULT, SNAPSHOT,
                "http://{privateIp}:8080/health", 5, Duration.ofSeconds(5), Duration.ofSeconds(120), 10, 4, false, PARKED,
                List.of(), Optional.empty(), EstateParkedAndRestoredTest.HOURS);
        CurrentDeadline current = new CurrentDeadline(time);
        return new RecoveryFlow(settings, account, account, account, account, account, account, account, account,
                new RunFinisher(quietLog, new ReportPublisher(account, time), current), current, time, time,
                new ParkedMarker(account, PARKED), ecs, ecs, ecs).run(new RecoveryRequest("schedule", false));
    }

    /** Calls the kill switch makes; one may fail for every call or for one target. */
    private static List<String> shutdownFaults(List<String> functions) {
        List<String> faults = new ArrayList<>(List.of("DescribeInstances", "StopInstances", "SendCommand",
                "GetDistributionConfig", "UpdateDistribution", "PutParameter", "GetParameter", "Publish",
                "DescribeTags", "CreateTags", "ListTagsForResource", "TagDistribution"));
        functions.forEach(f -> faults.addAll(List.of("GetFunctionConcurrency " + f, "PutFunctionConcurrency " + f,
                "ListTags " + f, "TagResource " + f)));
        return faults;
    }

    /** Calls recovery makes. */
    private static List<String> recoveryFaults(List<String> functions) {
        List<String> faults = new ArrayList<>(List.of("DescribeInstances", "StartInstances", "GetParameter",
                "GetDistributionConfig", "UpdateDistribution", "DeleteParameter", "Publish", "HealthCheck",
                "DescribeTags", "DeleteTags", "ListTagsForResource", "UntagDistribution"));
        functions.forEach(f -> faults.addAll(List.of("PutFunctionConcurrency " + f, "DeleteFunctionConcurrency " + f,
                "GetFunctionConcurrency " + f, "ListTags " + f, "UntagResource " + f)));
        return faults;
    }

    private static List<String> pick(Random random, List<String> from) {
        List<String> picked = new ArrayList<>();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            picked.add(from.get(random.nextInt(from.size())));
        }
        return picked;
    }

    /** A kill switch's report that says this item's prior state is recorded nowhere and must be restored by hand. */
    private static boolean namedAsLost(String shutdownReports, String item) {
        int at = shutdownReports.indexOf("recovery cannot restore ");
        return at >= 0 && shutdownReports.substring(at).contains(item)
                || shutdownReports.contains("Prior state unknown for ") && shutdownReports.contains(item);
    }

    @RepeatedTest(80)
    void nothingOfThePriorStateIsLostSilently(RepetitionInfo repetition) {
        long seed = 20261201L + repetition.getCurrentRepetition();
        Random random = new Random(seed);
        List<String> functions = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
            functions.add("fn-" + i);
        }
        InMemoryAccount account = new InMemoryAccount(INSTANCE, DISTRIBUTION, functions.toArray(String[]::new))
                .withInstanceState(random.nextInt(4) == 0 ? InstanceState.STOPPED : InstanceState.RUNNING)
                .withDistributionEnabled(random.nextInt(4) != 0);
        for (String function : functions) {
            int pick = random.nextInt(4);
            account.withReserved(function, pick == 0 ? null : pick == 1 ? 0 : random.nextInt(200));
        }
        String before = account.state();
        Map<String, Integer> reservedBefore = account.reservedByFunction();
        InstanceState instanceBefore = account.instanceState();
        boolean enabledBefore = account.distributionEnabled();

        // Injected events beside the call faults: Lambda's retry of a failed run (the first run's faults were
        // transient), and a snapshot write that fails on every run.
        boolean retried = random.nextBoolean();
        boolean snapshotWriteFails = random.nextInt(4) == 0;
        List<String> duringShutdown = pick(random, shutdownFaults(functions));
        if (snapshotWriteFails) {
            duringShutdown.add("PutParameter");
        }
        duringShutdown.forEach(account::failing);
        List<RunReport> shutdowns = new ArrayList<>(List.of(shutdown(account, functions)));
        duringShutdown.forEach(account::healing);
        if (snapshotWriteFails) {
            account.failing("PutParameter");
        }
        if (retried && ShutdownFlow.needsRetry(shutdowns.get(0))) {
            shutdowns.add(shutdown(account, functions));
        }
        account.healing("PutParameter");
        Optional<Snapshot> written = account.parameter(SNAPSHOT).map(SnapshotCodec::decode);
        boolean tagged = !account.priorTags().isEmpty();

        List<String> duringRecovery = pick(random, recoveryFaults(functions));
        duringRecovery.forEach(account::failing);
        int changesBefore = account.mutatingCalls().size();
        RunReport recovery = recover(account, functions);
        duringRecovery.forEach(account::healing);
        List<String> recoveryChanges = account.mutatingCalls().subList(changesBefore, account.mutatingCalls().size());

        String shutdownText = shutdowns.stream().map(r -> Json.MAPPER.valueToTree(r).toString()).toList().toString();
        String context = "seed " + seed + ", account " + before + ", faults in shutdown " + duringShutdown
                + (snapshotWriteFails ? " (snapshot write failing on every run)" : "")
                + (shutdowns.size() > 1 ? ", retried" : "") + " and in recovery " + duringRecovery + "\nshutdown: "
                + shutdowns.stream().map(RunReport::summary).toList() + "\nrecovery: " + recovery.summary();
        String reportText = Json.MAPPER.valueToTree(recovery).toString();
        SoftAssertions softly = new SoftAssertions();

        if (written.isEmpty() && !tagged) {
            // Neither the snapshot nor a single tag: recovery must not guess.
            softly.assertThat(recoveryChanges).as(context).isEmpty();
            softly.assertThat(recovery.overallSuccess()).as(context).isEqualTo(
                    recovery.summary().startsWith("Recovery changed nothing: no snapshot"));
            softly.assertAll();
            return;
        }
        if (recovery.overallSuccess()) {
            softly.assertThat(account.parameter(SNAPSHOT)).as(context).isEmpty();
            softly.assertThat(account.priorTags()).as("no prior-state tag left behind; %s", context).isEmpty();
        }
        // Every item not back as it was is still recorded truly (a kept snapshot first, then its tag), or named
        // as unknown by recovery, or named by the kill switch as one recovery cannot restore.
        Snapshot kept = account.parameter(SNAPSHOT).map(SnapshotCodec::decode).orElse(null);
        boolean assessed = recovery.steps().get(0).succeeded();
        Map<String, Snapshot.FunctionConcurrency> recorded = new LinkedHashMap<>();
        if (kept != null && kept.functions() != null) {
            kept.functions().forEach(f -> recorded.put(f.name(), f));
        }
        for (String function : functions) {
            Integer now = account.reserved(function);
            Integer was = reservedBefore.get(function);
            if (java.util.Objects.equals(now, was)) {
                continue;
            }
            Snapshot.FunctionConcurrency record = recorded.get(function);
            Optional<PriorTags.Found<Integer>> tag = PriorTags.function(account.tags(function));
            if (record != null && record.known()) {
                softly.assertThat(record.reservedConcurrency()).as("%s recorded; %s", function, context).isEqualTo(was);
            } else if (tag.isPresent()) {
                softly.assertThat(tag.get().value()).as("%s tagged; %s", function, context).isEqualTo(was);
            } else {
                softly.assertThat((assessed && reportText.contains("function " + function))
                        || namedAsLost(shutdownText, function)).as("%s is %s, not %s, and named nowhere; %s",
                        function, now, was, context).isTrue();
            }
        }
        if (account.instanceState() != instanceBefore) {
            Snapshot.InstanceSnapshot record = kept == null ? null : kept.instance();
            Optional<PriorTags.Found<String>> tag = PriorTags.instance(account.tags(INSTANCE));
            if (record != null && record.known() && record.state() != null) {
                softly.assertThat(record.state()).as("instance recorded; %s", context).isEqualTo(instanceBefore.awsName());
            } else if (tag.isPresent()) {
                softly.assertThat(tag.get().value()).as("instance tagged; %s", context).isEqualTo(instanceBefore.awsName());
            } else {
                softly.assertThat((assessed && reportText.contains("instance " + INSTANCE))
                        || namedAsLost(shutdownText, INSTANCE)).as("instance changed, named nowhere; %s", context).isTrue();
            }
        }
        if (account.distributionEnabled() != enabledBefore) {
            Snapshot.DistributionSnapshot record = kept == null ? null : kept.distribution();
            Optional<PriorTags.Found<Boolean>> tag = PriorTags.distribution(account.tags(DISTRIBUTION));
            if (record != null && record.known() && record.enabled() != null) {
                softly.assertThat(record.enabled()).as("distribution recorded; %s", context).isEqualTo(enabledBefore);
            } else if (tag.isPresent()) {
                softly.assertThat(tag.get().value()).as("distribution tagged; %s", context).isEqualTo(enabledBefore);
            } else {
                softly.assertThat((assessed && reportText.contains("distribution " + DISTRIBUTION))
                        || namedAsLost(shutdownText, DISTRIBUTION)).as("distribution changed, named nowhere; %s", context)
                        .isTrue();
            }
        }
        if (recovery.overallSuccess()) {
            softly.assertAll();
            return;
        }
        if (assessed && recovery.steps().stream().anyMatch(s -> s.name().equals("unknown-items") && s.failed())) {
            softly.assertThat(recovery.summary()).as(context).startsWith("Recovery partly restored");
        }
        softly.assertThat(recovery.steps().stream().filter(StepResult::failed)).as(context).isNotEmpty();
        softly.assertAll();
    }
}
