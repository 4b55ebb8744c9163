package dev.costguard.ecsscheduler;

import dev.costguard.core.ports.ServiceId;
import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryAccount;
import dev.costguard.core.fakes.InMemoryEcs;
import dev.costguard.core.parked.ParkedMarker;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.ParkedState;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.core.time.CurrentDeadline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The seed's two services (web and api) in memory, the snapshot parameter, a result topic and a fixed clock. */
final class EcsFixtures {

    static final String CLUSTER = "bookmark-manager-staging-cluster";
    static final ServiceId WEB = new ServiceId(CLUSTER, "bookmark-manager-staging-web");
    static final ServiceId API = new ServiceId(CLUSTER, "bookmark-manager-staging-api");
    static final String SNAPSHOT = "/cost-guard/staging/ecs-scheduler-snapshot";
    static final String PARKED = "/cost-guard/staging/parked";
    static final String RESULT = "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-results";
    /** Culture Day, a Japanese public holiday on a Tuesday. */
    static final LocalDate HOLIDAY = LocalDate.parse("2026-11-03");
    /** Monday 2026-11-02 22:00 in Tokyo. */
    static final Instant MONDAY_NIGHT = Instant.parse("2026-11-02T13:00:00Z");

    final FakeTime time = new FakeTime(MONDAY_NIGHT);
    final InMemoryEcs ecs = new InMemoryEcs();
    final InMemoryAccount account = new InMemoryAccount("i-0123456789abcdef0", "E2TESTDIST0001");
    final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    /** The deadline the flow hands to the AWS clients; a test reads it to see what a call would be capped to. */
    final CurrentDeadline current = new CurrentDeadline(time);

    /** What each Parameter Store call's 20 s timeout was capped to by the run's deadline, in call order. */
    final List<Duration> parameterCallCaps = new CopyOnWriteArrayList<>();

    /** Parameter Store from the shared fake, its calls also written to the ECS log so the order can be checked. */
    final Parameters parameters = new Parameters() {
        @Override
        public Optional<String> get(String name) {
            ecs.record("GetParameter " + name);
            parameterCallCaps.add(current.capCall(Duration.ofSeconds(20)));
            return account.get(name);
        }

        @Override
        public boolean putIfAbsent(String name, String value) {
            ecs.record("PutParameter " + name);
            return account.putIfAbsent(name, value);
        }

        @Override
        public void put(String name, String value) {
            ecs.record("PutParameter " + name);
            parameterCallCaps.add(current.capCall(Duration.ofSeconds(20)));
            account.put(name, value);
        }

        @Override
        public void delete(String name) {
            ecs.record("DeleteParameter " + name);
            account.delete(name);
        }
    };

    static EcsSchedulerSettings settings() {
        return settings(List.of(WEB, API), 1, false);
    }

    static EcsSchedulerSettings settings(List<ServiceId> services, int defaultCount, boolean dryRun) {
        return new EcsSchedulerSettings(services, SNAPSHOT, defaultCount, List.of(HOLIDAY), ZoneId.of("Asia/Tokyo"),
                Optional.of(RESULT), dryRun, Optional.of(PARKED));
    }

    EcsFixtures withServices(int web, int api) {
        ecs.withService(CLUSTER, WEB.service(), web).withService(CLUSTER, API.service(), api);
        return this;
    }

    EcsSchedulerFlow flow() {
        return flow(settings());
    }

    EcsSchedulerFlow flow(EcsSchedulerSettings settings) {
        RunFinisher finisher = new RunFinisher(new RunReportLog(new PrintStream(logged, true, StandardCharsets.UTF_8),
                time), new ReportPublisher(account, time), current);
        Optional<ParkedState> parked = settings.parkedParameter().map(name -> new ParkedMarker(parameters, name));
        return new EcsSchedulerFlow(settings, ecs, ecs, parameters, parked, finisher, current, time, time);
    }

    RunReport stop(Trigger trigger) {
        return flow().run(new EcsSchedulerRequest(Action.STOP, trigger, false));
    }

    RunReport start(Trigger trigger) {
        return flow().run(new EcsSchedulerRequest(Action.START, trigger, false));
    }

    Integer desired(ServiceId id) {
        return ecs.desired(id.cluster(), id.service());
    }

    Snapshot snapshot() {
        return SnapshotCodec.decode(account.parameter(SNAPSHOT).orElseThrow());
    }

    List<String> logLines() {
        return logged.toString(StandardCharsets.UTF_8).strip().lines().toList();
    }
}
