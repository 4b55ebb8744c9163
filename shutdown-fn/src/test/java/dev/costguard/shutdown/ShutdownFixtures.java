package dev.costguard.shutdown;

import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryAccount;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunReportLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** A sample account and kill-switch settings shared by the flow tests. */
final class ShutdownFixtures {

    static final String ALERT = "arn:aws:sns:eu-west-1:123456789012:cost-guard-alert";
    static final String TRIPWIRE = "arn:aws:sns:eu-west-1:123456789012:cost-guard-tripwire";
    static final String RESULT = "arn:aws:sns:eu-west-1:123456789012:cost-guard-result";
    static final String SNAPSHOT = "/cost-guard/test/kill-switch-snapshot";
    static final String INSTANCE = "i-0123456789abcdef0";
    static final String DISTRIBUTION = "E2TESTDIST0001";
    static final List<String> FUNCTIONS = List.of("relay-connect", "relay-disconnect", "relay-default");

    final FakeTime time = new FakeTime();
    final InMemoryAccount account = new InMemoryAccount(INSTANCE, DISTRIBUTION, FUNCTIONS.toArray(String[]::new));
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    static ShutdownSettings settings(boolean dryRun) {
        return new ShutdownSettings(FUNCTIONS, INSTANCE, DISTRIBUTION, ALERT, List.of(TRIPWIRE), RESULT, SNAPSHOT,
                Duration.ofSeconds(30), "nostr-api", Duration.ofSeconds(60), 10, 4, dryRun);
    }

    ShutdownFlow flow() {
        return flow(settings(false));
    }

    ShutdownFlow flow(ShutdownSettings settings) {
        return new ShutdownFlow(settings, account, account, account, account, account,
                new ReportPublisher(account, time), new RunReportLog(new PrintStream(logged, true, StandardCharsets.UTF_8), time),
                time, time);
    }

    String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }
}
