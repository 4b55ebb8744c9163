package dev.costguard.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryAccount;
import dev.costguard.core.fakes.InMemoryEcs;
import dev.costguard.core.parked.ParkedMarker;
import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunOutcome;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.report.RunReportLog;
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
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** The kill switch and recovery, over the same account: whatever the account looked like, it ends that way. */
class ShutdownThenRecoveryTest {

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

    @Test
    void theSampleAccountEndsExactlyAsItStarted() {
        List<String> functions = List.of("relay-connect", "relay-disconnect", "relay-default");
        InMemoryAccount account = new InMemoryAccount(INSTANCE, DISTRIBUTION, functions.toArray(String[]::new))
                .withReserved("relay-default", 5);
        String before = account.state();

        RunReport shutdown = shutdown(account, functions);
        assertThat(shutdown.overallSuccess()).isTrue();
        assertThat(account.state()).isNotEqualTo(before);

        RunReport recovery = recover(account, functions);

        assertThat(recovery.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(account.state()).isEqualTo(before);
        assertThat(account.parameter(SNAPSHOT)).isEmpty();
    }

    @Test
    void aSecondAlertBeforeRecoveryStillRestoresTheTrueFirstState() {
        List<String> functions = List.of("a", "b");
        InMemoryAccount account = new InMemoryAccount(INSTANCE, DISTRIBUTION, "a", "b").withReserved("a", 3);
        String before = account.state();

        shutdown(account, functions);
        shutdown(account, functions);
        recover(account, functions);

        assertThat(account.state()).isEqualTo(before);
    }

    @RepeatedTest(40)
    void anyAccountEndsExactlyAsItStarted(RepetitionInfo repetition) {
        Random random = new Random(20261123L + repetition.getCurrentRepetition());
        List<String> functions = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(12); i++) {
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

        RunReport shutdown = shutdown(account, functions);
        RunReport recovery = recover(account, functions);

        assertThat(shutdown.overallSuccess()).as("shutdown of %s", before).isTrue();
        assertThat(recovery.overallSuccess()).as("recovery of %s: %s", before, recovery.steps()).isTrue();
        assertThat(account.state()).isEqualTo(before);
        assertThat(account.parameter(SNAPSHOT)).isEmpty();
    }
}
