package dev.costguard.shutdown;

import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryAccount;
import dev.costguard.core.fakes.InMemoryEcs;
import dev.costguard.core.parked.ParkedMarker;
import dev.costguard.core.ports.DistributionTags;
import dev.costguard.core.ports.Distributions;
import dev.costguard.core.ports.FunctionTags;
import dev.costguard.core.ports.FunctionThrottle;
import dev.costguard.core.ports.InstanceTags;
import dev.costguard.core.ports.Instances;
import dev.costguard.core.ports.Notifier;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.RemoteCommands;
import dev.costguard.core.ports.ServiceId;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.time.CurrentDeadline;
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
    static final String PARKED = "/cost-guard/test/parked";
    static final String INSTANCE = "i-0123456789abcdef0";
    static final String DISTRIBUTION = "E2TESTDIST0001";
    static final List<String> FUNCTIONS = List.of("relay-connect", "relay-disconnect", "relay-default");

    final FakeTime time = new FakeTime();
    final List<String> functions;
    final InMemoryAccount account;
    /** ECS services the kill switch parks when a test's settings list them. */
    final InMemoryEcs ecs = new InMemoryEcs();

    ShutdownFixtures() {
        this(FUNCTIONS);
    }

    ShutdownFixtures(List<String> functions) {
        this.functions = functions;
        this.account = new InMemoryAccount(INSTANCE, DISTRIBUTION, functions.toArray(String[]::new));
    }
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    static ShutdownSettings settings(boolean dryRun) {
        return settings(FUNCTIONS, dryRun);
    }

    static ShutdownSettings settings(List<String> functions, boolean dryRun) {
        return new ShutdownSettings(functions, INSTANCE, DISTRIBUTION, ALERT, List.of(TRIPWIRE), RESULT, SNAPSHOT,
                Duration.ofSeconds(30), "nostr-api", Duration.ofSeconds(60), 10, 4, dryRun, PARKED, List.of());
    }

    /** The sample settings with ECS services to park. */
    static ShutdownSettings settings(List<ServiceId> services) {
        return new ShutdownSettings(FUNCTIONS, INSTANCE, DISTRIBUTION, ALERT, List.of(TRIPWIRE), RESULT, SNAPSHOT,
                Duration.ofSeconds(30), "nostr-api", Duration.ofSeconds(60), 10, 4, false, PARKED, services);
    }

    ShutdownFlow flow() {
        return flow(settings(functions, false));
    }

    final CurrentDeadline current = new CurrentDeadline(time);

    ShutdownFlow flow(ShutdownSettings settings) {
        return flow(settings, account);
    }

    /** The flow over other ports (e.g. ones that never answer), reporting to the same log. */
    <P extends FunctionThrottle & Instances & RemoteCommands & Distributions & Parameters & Notifier & FunctionTags
            & InstanceTags & DistributionTags> ShutdownFlow flow(
            ShutdownSettings settings, P ports) {
        RunFinisher finisher = new RunFinisher(new RunReportLog(new PrintStream(logged, true, StandardCharsets.UTF_8),
                time), new ReportPublisher(ports, time), current);
        return new ShutdownFlow(settings, ports, ports, ports, ports, ports, ports, ports, ports, finisher, current, time,
                time, new ParkedMarker(ports, settings.parkedParameter()), ecs, ecs, ecs);
    }

    String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }
}
