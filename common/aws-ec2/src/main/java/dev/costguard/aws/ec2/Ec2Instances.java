package dev.costguard.aws.ec2;

import dev.costguard.aws.AwsCall;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.ports.InstanceStatus;
import dev.costguard.core.ports.Instances;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/** EC2 instances through DescribeInstances, StopInstances, StartInstances and the SDK's instance waiters. */
@ApplicationScoped
public class Ec2Instances implements Instances {

    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    private final Ec2Client ec2;
    // Built on the first wait: Ec2Waiter sets up every EC2 waiter at once (some 200 classes), which a dry run or a
    // kill switch's snapshot would load for nothing on its cold start.
    private volatile Ec2Waiter waiter;
    private final BackoffStrategy pollEvery;

    @Inject
    public Ec2Instances(Ec2Client ec2) {
        this(ec2, DEFAULT_POLL_INTERVAL);
    }

    /** For tests: a poll interval of zero or a millisecond keeps waits free of wall-clock time. */
    public Ec2Instances(Ec2Client ec2, Duration pollInterval) {
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("poll interval must not be negative: " + pollInterval);
        }
        this.ec2 = ec2;
        // The SDK's fixed-delay strategy refuses a zero delay; polling back to back is what zero means.
        this.pollEvery = pollInterval.isZero()
                ? BackoffStrategy.retryImmediately()
                : BackoffStrategy.fixedDelayWithoutJitter(pollInterval);
    }

    private Ec2Waiter waiter() {
        Ec2Waiter built = waiter;
        if (built == null) {
            synchronized (this) {
                built = waiter;
                if (built == null) {
                    built = Ec2Waiter.builder().client(ec2).build();
                    waiter = built;
                }
            }
        }
        return built;
    }

    @Override
    public InstanceStatus describe(String instanceId) {
        DescribeInstancesResponse response = AwsCall.run("DescribeInstances", instanceId,
                () -> ec2.describeInstances(byId(instanceId)));
        return statusIn(response, instanceId);
    }

    @Override
    public InstanceState stop(String instanceId) {
        List<InstanceStateChange> changes = AwsCall.run("StopInstances", instanceId,
                () -> ec2.stopInstances(r -> r.instanceIds(instanceId))).stoppingInstances();
        return currentState(changes, "StopInstances", instanceId);
    }

    @Override
    public InstanceState start(String instanceId) {
        List<InstanceStateChange> changes = AwsCall.run("StartInstances", instanceId,
                () -> ec2.startInstances(r -> r.instanceIds(instanceId))).startingInstances();
        return currentState(changes, "StartInstances", instanceId);
    }

    @Override
    public InstanceStatus awaitRunning(String instanceId, Duration timeout) {
        return await(instanceId, InstanceState.RUNNING, timeout, waiter()::waitUntilInstanceRunning);
    }

    @Override
    public InstanceStatus awaitStopped(String instanceId, Duration timeout) {
        return await(instanceId, InstanceState.STOPPED, timeout, waiter()::waitUntilInstanceStopped);
    }

    private InstanceStatus await(String instanceId, InstanceState wanted, Duration timeout,
            BiFunction<DescribeInstancesRequest, WaiterOverrideConfiguration, WaiterResponse<DescribeInstancesResponse>> wait) {
        String operation = "wait until " + wanted.awsName();
        WaiterResponse<DescribeInstancesResponse> outcome;
        try {
            outcome = wait.apply(byId(instanceId), waitingAtMost(timeout));
        } catch (SdkException e) {
            // A poll that failed outright (access denied, throttled past the retries) keeps AWS's own error code.
            if (e.getCause() instanceof SdkException cause) {
                throw AwsCall.translate(operation, instanceId, cause);
            }
            throw new CloudOperationException(operation, null, 0, "EC2 instance " + instanceId + " did not become "
                    + wanted.awsName() + " (timeout " + timeout + "): last state seen " + lastStateOf(instanceId)
                    + "; SDK waiter: " + e.getMessage(), e);
        }
        return outcome.matched().response()
                .map(response -> statusIn(response, instanceId))
                .orElseGet(() -> describe(instanceId));
    }

    private WaiterOverrideConfiguration waitingAtMost(Duration timeout) {
        return WaiterOverrideConfiguration.builder()
                .waitTimeout(timeout)
                // The timeout alone decides: the SDK's default of 40 polls would cut a long wait short.
                .maxAttempts(Integer.MAX_VALUE)
                .backoffStrategyV2(pollEvery)
                .build();
    }

    /** The waiter does not say what it saw last, so ask once more; the failure message matters more than the call. */
    private String lastStateOf(String instanceId) {
        try {
            return describe(instanceId).state().awsName();
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static DescribeInstancesRequest byId(String instanceId) {
        return DescribeInstancesRequest.builder().instanceIds(instanceId).build();
    }

    private static InstanceStatus statusIn(DescribeInstancesResponse response, String instanceId) {
        Instance instance = response.reservations().stream()
                .flatMap(reservation -> reservation.instances().stream())
                .filter(candidate -> instanceId.equals(candidate.instanceId()))
                .findFirst()
                .orElseThrow(() -> notInResponse("DescribeInstances", instanceId));
        return new InstanceStatus(instanceId, InstanceState.fromAwsName(instance.state().nameAsString()),
                instance.privateIpAddress(), instance.publicIpAddress());
    }

    private static InstanceState currentState(List<InstanceStateChange> changes, String operation, String instanceId) {
        return changes.stream()
                .filter(change -> instanceId.equals(change.instanceId()))
                .findFirst()
                .map(change -> InstanceState.fromAwsName(change.currentState().nameAsString()))
                .orElseThrow(() -> notInResponse(operation, instanceId));
    }

    private static CloudOperationException notInResponse(String operation, String instanceId) {
        return new CloudOperationException(operation,
                operation + " " + instanceId + " failed: the response does not mention instance " + instanceId);
    }
}
