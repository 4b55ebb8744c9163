package dev.costguard.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.aws.AwsClientSettings;
import dev.costguard.aws.AwsClients;
import dev.costguard.aws.cloudfront.CloudFrontTools;
import dev.costguard.aws.ec2.Ec2Tools;
import dev.costguard.aws.lambda.LambdaTools;
import dev.costguard.aws.sns.SnsTools;
import dev.costguard.aws.ssm.SsmParameters;
import dev.costguard.aws.ssm.SsmTools;
import dev.costguard.core.fakes.InMemoryEcs;
import dev.costguard.core.health.HttpHealthProbe;
import dev.costguard.core.json.Json;
import dev.costguard.core.parked.ParkedMarker;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import dev.costguard.core.snapshot.Snapshot;
import dev.costguard.core.snapshot.SnapshotCodec;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Sleeper;
import dev.costguard.demo.FakeAccountFaults;
import dev.costguard.demo.FakeAccountServer;
import dev.costguard.recovery.RecoveryFlow;
import dev.costguard.recovery.RecoveryRequest;
import dev.costguard.recovery.RecoverySettings;
import dev.costguard.shutdown.ShutdownFlow;
import dev.costguard.shutdown.ShutdownRequest;
import dev.costguard.shutdown.ShutdownSettings;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's three steps end to end: the kill switch and recovery built on the real AWS adapters (common/aws-*),
 * both against one fake AWS account (the demo's), the snapshot's SSM PutParameter refused by the account's scripted
 * faults. Run 1 cannot save the snapshot and ends in an error; Lambda retries the same event (run 2), which finds
 * everything stopped; then the scheduled recovery. The sample account must end as it began: relay-default at 10,
 * the host running, the distribution enabled, and no cost-guard:prior-* tag left on any item.
 */
class RetriedKillSwitchThroughTheFakeAccountTest {

    static final String INSTANCE = "i-0c0ffee5eed000001";
    static final String DISTRIBUTION = "E2DEMO0CDN0001";
    static final List<String> FUNCTIONS = List.of("relay-connect", "relay-disconnect", "relay-default");
    static final String ALERT = "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-alert";
    static final String RESULT = "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-result";
    static final String SNAPSHOT = "/cost-guard/test/kill-switch-snapshot";

    private final Clock clock = Clock.systemUTC();
    private final CurrentDeadline current = new CurrentDeadline(clock);
    private final RunReportLog quietLog = new RunReportLog(new PrintStream(OutputStream.nullOutputStream()), clock);
    private final HttpClient http = HttpClient.newHttpClient();
    private FakeAccountServer account;
    private FakeAccountFaults faults;
    private AwsClients clients;

    @BeforeEach
    void startTheAccount() throws Exception {
        // Settles transitions at once (as the handler tests' account does): nothing waits on the wall clock.
        account = FakeAccountServer.start(0, Duration.ZERO, new PrintStream(OutputStream.nullOutputStream()));
        faults = FakeAccountFaults.of(account.endpoint());
        // One attempt per call, as the handler tests run: a refused call is not retried by the SDK.
        clients = new AwsClients(AwsClientSettings.local(account.endpoint(), 1), current);
    }

    @AfterEach
    void stopTheAccount() {
        account.close();
    }

    @Test
    void aSnapshotWriteRefusedOnceThenTheRetryThenRecoveryBringTheWholeStackBack() throws Exception {
        assertSampleAsItBegan();
        faults.call("ssm:PutParameter").naming(SNAPSHOT).times(1).failWith(400, "AccessDeniedException",
                "not authorized to perform ssm:PutParameter");

        RunReport first = killSwitch();
        assertThat(ShutdownFlow.needsRetry(first)).as("run 1 ends in an error so Lambda retries it: %s", first).isTrue();
        assertThat(step(first, "snapshot").status()).isEqualTo(StepStatus.FAILED);
        assertThat(state().path("lambda").path("relay-default").asInt(-1)).as("run 1 still throttles").isZero();
        assertThat(state().path("ec2").path(INSTANCE).path("state").asText()).isEqualTo("stopped");
        assertThat(state().path("priorTags").path("relay-default").path("cost-guard:prior-reserved-concurrency").asText())
                .as("the prior value is on the item before it is changed").isEqualTo("10");

        RunReport retry = killSwitch();
        assertThat(retry.overallSuccess()).as("the retry finishes: %s", retry).isTrue();
        Snapshot saved = SnapshotCodec.decode(parameters().get(SNAPSHOT).orElseThrow());
        assertThat(saved.functions()).as("the retry records what run 1 found, not run 1's work").containsExactly(
                new Snapshot.FunctionConcurrency("relay-connect", null),
                new Snapshot.FunctionConcurrency("relay-disconnect", null),
                new Snapshot.FunctionConcurrency("relay-default", 10));
        assertThat(saved.instance()).isEqualTo(new Snapshot.InstanceSnapshot(INSTANCE, "running"));
        assertThat(saved.distribution()).isEqualTo(new Snapshot.DistributionSnapshot(DISTRIBUTION, true));

        RunReport recovery = recover();

        assertThat(recovery.overallSuccess()).as("%s", recovery).isTrue();
        assertThat(recovery.summary()).startsWith("Recovery complete: restored the state recorded " + saved.takenAt());
        // The old failure said "the instance was stopped before the shutdown" and left it; this one starts it.
        assertThat(step(recovery, "start-instance").status()).as("%s", recovery).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(step(recovery, "start-instance").detail()).contains("started " + INSTANCE);
        assertThat(step(recovery, "enable-distribution").detail()).isEqualTo("enabled " + DISTRIBUTION);
        assertThat(step(recovery, "restore-functions").items()).extracting(StepResult::name, StepResult::detail)
                .contains(tuple("relay-default", "reserved concurrency restored to 10"));
        assertThat(step(recovery, "clear-snapshot").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertSampleAsItBegan();
        assertThat(state().path("ssm").path("parameters").toString()).doesNotContain(SNAPSHOT);
    }

    @Test
    void aSnapshotWriteRefusedOnBothRunsRecoversFromTheTagsAloneAndAFunctionAtZeroStaysAtZero() throws Exception {
        // Parked at 0 by its owners before the budget alert: it must come back at 0, not unreserved.
        LambdaTools.functionThrottle(clients).reserveConcurrency("relay-connect", 0);
        faults.call("ssm:PutParameter").failWith(400, "AccessDeniedException",
                "not authorized to perform ssm:PutParameter");

        assertThat(ShutdownFlow.needsRetry(killSwitch())).as("run 1").isTrue();
        assertThat(ShutdownFlow.needsRetry(killSwitch())).as("the retry cannot save the snapshot either").isTrue();
        assertThat(parameters().get(SNAPSHOT)).isEmpty();
        assertThat(state().path("priorTags").size()).as("three functions, the host and the distribution tagged").isEqualTo(5);
        assertThat(state().path("ec2").path(INSTANCE).path("state").asText()).isEqualTo("stopped");

        RunReport recovery = recover();

        assertThat(recovery.overallSuccess()).as("%s", recovery).isTrue();
        assertThat(recovery.summary()).startsWith("Recovery complete: restored the state recorded in the items'"
                + " cost-guard:prior-* tags");
        assertThat(step(recovery, "assess").detail()).contains("no snapshot at " + SNAPSHOT);
        assertThat(step(recovery, "start-instance").status()).isEqualTo(StepStatus.SUCCEEDED);
        JsonNode after = state();
        assertThat(after.path("lambda").path("relay-connect").isInt()).as("%s", after).isTrue();
        assertThat(after.path("lambda").path("relay-connect").asInt(-1)).isZero();
        assertThat(after.path("lambda").path("relay-disconnect").isNull()).as("%s", after).isTrue();
        assertThat(after.path("lambda").path("relay-default").asInt(-1)).isEqualTo(10);
        assertThat(after.path("ec2").path(INSTANCE).path("state").asText()).isEqualTo("running");
        assertThat(after.path("cloudfront").path(DISTRIBUTION).path("enabled").asBoolean(false)).isTrue();
        assertThat(after.path("priorTags").size()).as("no prior-state tag left: %s", after.path("priorTags")).isZero();
    }

    /** The sample account's prior state, as the kill switch found it and recovery must leave it. */
    private void assertSampleAsItBegan() throws Exception {
        JsonNode state = state();
        assertThat(state.path("lambda").path("relay-default").asInt(-1)).as("%s", state).isEqualTo(10);
        assertThat(state.path("lambda").path("relay-connect").isNull()).as("%s", state).isTrue();
        assertThat(state.path("lambda").path("relay-disconnect").isNull()).as("%s", state).isTrue();
        assertThat(state.path("ec2").path(INSTANCE).path("state").asText()).isEqualTo("running");
        assertThat(state.path("cloudfront").path(DISTRIBUTION).path("enabled").asBoolean(false)).isTrue();
        assertThat(state.path("priorTags").size()).as("prior-state tags: %s", state.path("priorTags")).isZero();
    }

    /** One budget alert through a kill switch built as ShutdownWiring builds it, on the real adapters. */
    private RunReport killSwitch() {
        ShutdownSettings settings = new ShutdownSettings(FUNCTIONS, INSTANCE, DISTRIBUTION, ALERT, List.of(), RESULT,
                SNAPSHOT, Duration.ZERO, "nostr-api", Duration.ofSeconds(60), 10, 4, false, PARKED, List.of());
        return new ShutdownFlow(settings, LambdaTools.functionThrottle(clients), Ec2Tools.instances(clients, Duration.ZERO),
                SsmTools.remoteCommands(clients, Duration.ZERO), CloudFrontTools.distributions(clients), parameters(),
                LambdaTools.functionTags(clients), Ec2Tools.instanceTags(clients), CloudFrontTools.distributionTags(clients),
                finisher(), current, clock, Sleeper.SYSTEM, new ParkedMarker(parameters(), PARKED), noEcs, noEcs, noEcs)
                .run(ShutdownRequest.fromSns(List.of(ALERT)));
    }

    /** The scheduled recovery, built as RecoveryWiring builds it, on the real adapters; the health URL is the fake's. */
    private RunReport recover() {
        RecoverySettings settings = new RecoverySettings(FUNCTIONS, INSTANCE, DISTRIBUTION, RESULT, SNAPSHOT,
                "http://{privateIp}:" + account.port() + "/health", 5, Duration.ZERO, Duration.ofSeconds(30), 10, 4, false,
                PARKED, List.of(), Optional.empty(), EstateParkedAndRestoredTest.HOURS);
        return new RecoveryFlow(settings, LambdaTools.functionThrottle(clients), Ec2Tools.instances(clients, Duration.ZERO),
                CloudFrontTools.distributions(clients), parameters(), LambdaTools.functionTags(clients),
                Ec2Tools.instanceTags(clients), CloudFrontTools.distributionTags(clients),
                new HttpHealthProbe(Duration.ofSeconds(5)), finisher(), current, clock,
                Sleeper.SYSTEM, new ParkedMarker(parameters(), PARKED), noEcs, noEcs, noEcs)
                .run(new RecoveryRequest("schedule", false));
    }

    /** The kill switch's parked marker, in the fake account's Parameter Store like the snapshot. */
    private static final String PARKED = "/cost-guard/test/parked";
    /** No ECS service is configured here, so none of its calls is made. */
    private final InMemoryEcs noEcs = new InMemoryEcs();

    private RunFinisher finisher() {
        return new RunFinisher(quietLog, new ReportPublisher(SnsTools.notifier(clients), clock), current);
    }

    private SsmParameters parameters() {
        return SsmTools.parameters(clients);
    }

    private static StepResult step(RunReport report, String name) {
        return report.steps().stream().filter(step -> step.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + report));
    }

    /** The whole account as the fake holds it (its own /_demo/state, not an AWS call). */
    private JsonNode state() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(account.endpoint() + "/_demo/state"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }
}
