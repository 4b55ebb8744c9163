package dev.costguard.shutdown;

import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.CommandInvocation;
import dev.costguard.core.ports.DistributionTags;
import dev.costguard.core.ports.Distributions;
import dev.costguard.core.ports.FunctionTags;
import dev.costguard.core.ports.InstanceTags;
import dev.costguard.core.ports.FunctionThrottle;
import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.ports.InstanceStatus;
import dev.costguard.core.ports.Instances;
import dev.costguard.core.ports.Notifier;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.RemoteCommands;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An AWS endpoint that never answers, on fake time: each call takes its whole timeout (the configured one, capped to
 * the run's deadline as aws-base's interceptor caps it) and then fails; with no time left it is not sent at all.
 */
final class SilentAccount implements FunctionThrottle, Instances, RemoteCommands, Distributions, Parameters, Notifier,
        FunctionTags, InstanceTags, DistributionTags {

    private final FakeTime time;
    private final CurrentDeadline current;
    private final Duration callTimeout;
    private final List<String> sent = new ArrayList<>();

    SilentAccount(FakeTime time, CurrentDeadline current, Duration callTimeout) {
        this.time = time;
        this.current = current;
        this.callTimeout = callTimeout;
    }

    /** The calls that went out (the ones refused for lack of time are not here). */
    synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    private synchronized <T> T hang(String operation, String target) {
        Duration timeout = current.capCall(callTimeout);
        if (timeout.isZero()) {
            throw new CloudOperationException(operation, operation + " " + target + " failed: " + Deadline.NO_TIME);
        }
        sent.add(operation + " " + target);
        time.advance(timeout);
        throw new CloudOperationException(operation, operation + " " + target + " failed: Client execution did not "
                + "complete before the specified timeout configuration: " + timeout.toMillis() + " millis");
    }

    @Override
    public java.util.Map<String, String> readPriorTags(String resource) {
        return hang("ReadPriorTags", resource);
    }

    @Override
    public void writePriorTags(String resource, java.util.Map<String, String> tags) {
        hang("WritePriorTags", resource);
    }

    @Override
    public void removePriorTags(String resource, java.util.Collection<String> keys) {
        hang("RemovePriorTags", resource);
    }

    @Override
    public OptionalInt reservedConcurrency(String functionName) {
        return hang("GetFunctionConcurrency", functionName);
    }

    @Override
    public void reserveConcurrency(String functionName, int reserved) {
        hang("PutFunctionConcurrency", functionName);
    }

    @Override
    public void removeReservedConcurrency(String functionName) {
        hang("DeleteFunctionConcurrency", functionName);
    }

    @Override
    public InstanceStatus describe(String instanceId) {
        return hang("DescribeInstances", instanceId);
    }

    @Override
    public InstanceState stop(String instanceId) {
        return hang("StopInstances", instanceId);
    }

    @Override
    public InstanceState start(String instanceId) {
        return hang("StartInstances", instanceId);
    }

    @Override
    public InstanceStatus awaitRunning(String instanceId, Duration timeout) {
        return hang("DescribeInstances", instanceId);
    }

    @Override
    public InstanceStatus awaitStopped(String instanceId, Duration timeout) {
        return hang("DescribeInstances", instanceId);
    }

    @Override
    public String sendShell(String instanceId, List<String> lines, String comment, Duration timeout) {
        return hang("SendCommand", instanceId);
    }

    @Override
    public CommandInvocation awaitCompletion(String commandId, String instanceId, Duration timeout) {
        return hang("GetCommandInvocation", commandId);
    }

    @Override
    public void cancel(String commandId, String instanceId) {
        hang("CancelCommand", commandId);
    }

    @Override
    public boolean isEnabled(String distributionId) {
        return hang("GetDistributionConfig", distributionId);
    }

    @Override
    public boolean setEnabled(String distributionId, boolean enabled) {
        return hang("GetDistributionConfig", distributionId);
    }

    @Override
    public Optional<String> get(String name) {
        return hang("GetParameter", name);
    }

    @Override
    public boolean putIfAbsent(String name, String value) {
        return hang("PutParameter", name);
    }

    @Override
    public void put(String name, String value) {
        hang("PutParameter", name);
    }

    @Override
    public void delete(String name) {
        hang("DeleteParameter", name);
    }

    @Override
    public String publish(String topicArn, String subject, String message) {
        return hang("Publish", topicArn);
    }
}
