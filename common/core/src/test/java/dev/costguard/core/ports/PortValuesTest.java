package dev.costguard.core.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.ports.ConcurrencyQuota.AccountConcurrency;
import dev.costguard.core.ports.Executions.Execution;
import dev.costguard.core.ports.ManagedInstances.ManagedInstance;
import dev.costguard.core.ports.ScalableTargets.Capacity;
import dev.costguard.core.ports.StateBuckets.Posture;
import dev.costguard.core.ports.TaskDefinitions.Container;
import dev.costguard.core.ports.TaskDefinitions.TaskDefinition;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small decisions the port value types make for the flows (bounds, states, lookups), without any adapter. */
class PortValuesTest {

    // ---- ScalableTargets.Capacity ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}..{1}")
    @CsvSource({ "0,0", "0,3", "2,2", "1,4" })
    void aCapacityFromZeroUpAndWithMinEqualToMaxIsAccepted(int min, int max) {
        Capacity capacity = new Capacity(min, max);

        assertThat(capacity.min()).isEqualTo(min);
        assertThat(capacity.max()).isEqualTo(max);
        assertThat(capacity).hasToString(min + ".." + max);
    }

    @ParameterizedTest(name = "{0}..{1}")
    @CsvSource({ "-1,3", "-1,-1", "3,2", "1,0" })
    void aNegativeMinOrAMaxBelowTheMinIsRefusedNamingBoth(int min, int max) {
        assertThatThrownBy(() -> new Capacity(min, max)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity needs 0 <= min <= max, got " + min + ".." + max);
    }

    @Test
    void aCapacityIsAsleepExactlyWhenItsMaxIsZero() {
        assertThat(Capacity.ASLEEP.asleep()).isTrue();
        assertThat(Capacity.ASLEEP).isEqualTo(new Capacity(0, 0));
        assertThat(new Capacity(0, 1).asleep()).as("min 0 still lets the policies scale out").isFalse();
        assertThat(new Capacity(2, 5).asleep()).isFalse();
    }

    // ---- CloudOperationException -------------------------------------------------------------------------

    @Test
    void aCloudFailureCarriesTheOperationAwsErrorCodeAndHttpStatus() {
        RuntimeException cause = new RuntimeException("wire");
        CloudOperationException failure = new CloudOperationException("StopInstances", "InvalidInstanceID.NotFound",
                400, "StopInstances i-0123 failed: InvalidInstanceID.NotFound (HTTP 400)", cause);

        assertThat(failure.operation()).isEqualTo("StopInstances");
        assertThat(failure.errorCode()).isEqualTo("InvalidInstanceID.NotFound");
        assertThat(failure.httpStatus()).isEqualTo(400);
        assertThat(failure).hasMessage("StopInstances i-0123 failed: InvalidInstanceID.NotFound (HTTP 400)")
                .hasCause(cause);
    }

    @Test
    void aCloudFailureWithoutAResponseHasNoErrorCodeAndStatusZero() {
        CloudOperationException failure = new CloudOperationException("Publish", "Publish timed out");

        assertThat(failure.operation()).isEqualTo("Publish");
        assertThat(failure.errorCode()).isNull();
        assertThat(failure.httpStatus()).isZero();
        assertThat(failure).hasMessage("Publish timed out").hasNoCause();
    }

    // ---- TaskDefinitions ---------------------------------------------------------------------------------

    @Test
    void aContainerIsFoundByItsExactName() {
        Container app = new Container("app", List.of(), Set.of(), Set.of());
        Container sidecar = new Container("log-router", List.of("/fluent-bit"), Set.of(), Set.of());
        TaskDefinition definition = new TaskDefinition("arn:aws:ecs:ap-northeast-1:123456789012:task-definition/web:3",
                List.of(sidecar, app));

        assertThat(definition.container("app")).containsSame(app);
        assertThat(definition.container("log-router")).containsSame(sidecar);
        assertThat(definition.container("App")).isEmpty();
        assertThat(definition.container("missing")).isEmpty();
    }

    @Test
    void aContainerHasAVariableGivenAsAPlainValueOrFromASecret() {
        Container app = new Container("app", List.of(), Set.of("EFS_MOUNT_POINTS"), Set.of("DB_PASSWORD"));

        assertThat(app.has("EFS_MOUNT_POINTS")).isTrue();
        assertThat(app.has("DB_PASSWORD")).isTrue();
        assertThat(app.has("OTHER")).isFalse();
    }

    // ---- InstanceState -----------------------------------------------------------------------------------

    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceState.html (pending | running |
    // shutting-down | terminated | stopping | stopped)
    @ParameterizedTest
    @CsvSource({ "PENDING,pending", "RUNNING,running", "STOPPING,stopping", "STOPPED,stopped",
            "SHUTTING_DOWN,shutting-down", "TERMINATED,terminated" })
    void everyStateReadsAndWritesAwsOwnName(InstanceState state, String awsName) {
        assertThat(state.awsName()).isEqualTo(awsName);
        assertThat(InstanceState.fromAwsName(awsName)).isSameAs(state);
    }

    @ParameterizedTest
    @ValueSource(strings = { "RUNNING", "shutting_down", "rebooting", "" })
    void aStateAwsDoesNotNameIsRefusedQuotingIt(String name) {
        assertThatThrownBy(() -> InstanceState.fromAwsName(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown EC2 instance state '" + name + "'");
    }

    // ---- ServiceId ---------------------------------------------------------------------------------------

    @Test
    void aClusterSlashServicePairParsesAndPrintsBackTheSame() {
        ServiceId id = ServiceId.parse("demo-cluster/web_1").orElseThrow();

        assertThat(id).isEqualTo(new ServiceId("demo-cluster", "web_1"));
        assertThat(id.label()).isEqualTo("demo-cluster/web_1");
        assertThat(id).hasToString("demo-cluster/web_1");
    }

    @ParameterizedTest
    @ValueSource(strings = { "web", "a/b/c", "/web", "cluster/", "my cluster/web",
            "arn:aws:ecs:ap-northeast-1:123456789012:service/c/web" })
    void textThatIsNotAPairOfEcsNamesParsesToNothing(String text) {
        assertThat(ServiceId.parse(text)).isEmpty();
    }

    // ---- Executions.Execution ----------------------------------------------------------------------------

    // https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html (status values;
    // PENDING_REDRIVE: a redriven execution that has not started again yet)
    @ParameterizedTest
    @CsvSource({ "RUNNING,true", "PENDING_REDRIVE,true", "SUCCEEDED,false", "FAILED,false", "TIMED_OUT,false",
            "ABORTED,false" })
    void anExecutionIsRunningUntilItReachesAFinalStatus(String status, boolean running) {
        Execution execution = new Execution("arn:aws:states:ap-northeast-1:123456789012:execution:batch:run-1", status,
                Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(execution.running()).isEqualTo(running);
    }

    // ---- CommandStatus -----------------------------------------------------------------------------------

    // https://docs.aws.amazon.com/systems-manager/latest/userguide/monitor-commands.html (Success, Cancelled,
    // Timed Out and Failed are terminal; Pending, In Progress, Delayed and Cancelling are not)
    @ParameterizedTest
    @EnumSource(CommandStatus.class)
    void aCommandIsTerminalOnlyOnceItSucceededFailedTimedOutOrWasCancelled(CommandStatus status) {
        Set<CommandStatus> terminal = EnumSet.of(CommandStatus.SUCCESS, CommandStatus.CANCELLED,
                CommandStatus.TIMED_OUT, CommandStatus.FAILED);

        assertThat(status.terminal()).isEqualTo(terminal.contains(status));
    }

    // ---- ManagedInstances.ManagedInstance ----------------------------------------------------------------

    // https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_InstanceInformation.html (PingStatus:
    // Online | ConnectionLost | Inactive)
    @ParameterizedTest
    @CsvSource({ "Online,true", "ConnectionLost,false", "Inactive,false", "online,false" })
    void onlyAnInstanceWhoseAgentPingsOnlineCanTakeACommand(String pingStatus, boolean online) {
        assertThat(new ManagedInstance("i-0123abcd", pingStatus, "3.3.40.0", "Linux").online()).isEqualTo(online);
    }

    // ---- ConcurrencyQuota.AccountConcurrency -------------------------------------------------------------

    @Test
    void reservedConcurrencyIsTheLimitLessWhatIsUnreserved() {
        assertThat(new AccountConcurrency(1000, 900).reserved()).isEqualTo(100);
        assertThat(new AccountConcurrency(1000, 1000).reserved()).isZero();
        assertThat(new AccountConcurrency(10, 10).reserved()).isZero();
    }

    // ---- StateBuckets.Posture ----------------------------------------------------------------------------

    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketVersioning.html (Status: Enabled | Suspended,
    // absent when versioning was never enabled)
    @Test
    void aBucketIsVersionedOnlyWhileVersioningIsEnabled() {
        assertThat(new Posture(Optional.of("Enabled"), true).versioned()).isTrue();
        assertThat(new Posture(Optional.of("Suspended"), true).versioned()).isFalse();
        assertThat(new Posture(Optional.empty(), true).versioned()).isFalse();
    }

    // ---- HealthProbe -------------------------------------------------------------------------------------

    @Test
    void aProbeWithoutItsOwnTimeoutAnswersTheTimedCheckWithItsPlainOne() {
        HealthProbe probe = url -> new HealthProbe.Result(true, "HTTP 200 from " + url);

        assertThat(probe.check(URI.create("https://api.example.com/health"), Duration.ofSeconds(3)))
                .isEqualTo(new HealthProbe.Result(true, "HTTP 200 from https://api.example.com/health"));
    }
}
