package dev.costguard.core.fakes;

import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.CommandInvocation;
import dev.costguard.core.ports.CommandStatus;
import dev.costguard.core.ports.DistributionTags;
import dev.costguard.core.ports.Distributions;
import dev.costguard.core.ports.FunctionTags;
import dev.costguard.core.ports.FunctionThrottle;
import dev.costguard.core.ports.HealthProbe;
import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.ports.InstanceStatus;
import dev.costguard.core.ports.InstanceTags;
import dev.costguard.core.ports.Instances;
import dev.costguard.core.ports.Notifier;
import dev.costguard.core.ports.Parameters;
import dev.costguard.core.ports.RemoteCommands;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A small AWS account in memory implementing every port the kill switch and recovery use: Lambda functions,
 * one EC2 host running an API service, a CloudFront distribution, Parameter Store, an SNS topic and the
 * host's health endpoint. Any operation can be made to fail, and every call is logged in order.
 */
public class InMemoryAccount implements FunctionThrottle, Instances, RemoteCommands, Distributions, Parameters,
        Notifier, HealthProbe, FunctionTags, InstanceTags, DistributionTags {

    /** A Run Command sent to the host, with the timeout it was sent with. */
    public record SentCommand(String commandId, List<String> lines, Duration timeout) {
    }

    /** A message published to a topic. */
    public record Published(String topicArn, String subject, String message) {
    }

    /** Operations that change something; a run that must change nothing logs none of these. */
    public static final Set<String> MUTATING = Set.of("PutFunctionConcurrency", "DeleteFunctionConcurrency",
            "StopInstances", "StartInstances", "SendCommand", "CancelCommand", "UpdateDistribution", "PutParameter", "DeleteParameter",
            "TagResource", "UntagResource", "CreateTags", "DeleteTags", "TagDistribution", "UntagDistribution");

    private final Map<String, Integer> reserved = new LinkedHashMap<>();
    private final String instanceId;
    private InstanceState instanceState = InstanceState.RUNNING;
    private boolean serviceActive = true;
    private final String distributionId;
    private boolean distributionEnabled = true;
    private final Map<String, String> parameters = new HashMap<>();
    /** Tags by function name, instance id or distribution id. */
    private final Map<String, Map<String, String>> tags = new HashMap<>();
    private final List<Published> published = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private final Set<String> failing = new HashSet<>();
    private final Deque<CommandStatus> commandStatuses = new ArrayDeque<>();
    private CommandStatus commandStatusForever;
    private final Deque<Boolean> healthAnswers = new ArrayDeque<>();
    private boolean neverReachesRunning;
    private int commands;
    private final Map<String, SentCommand> sentCommands = new LinkedHashMap<>();
    private final List<String> cancelledCommands = new ArrayList<>();
    private final List<Duration> commandWaits = new ArrayList<>();

    public InMemoryAccount(String instanceId, String distributionId, String... functions) {
        this.instanceId = instanceId;
        this.distributionId = distributionId;
        for (String function : functions) {
            reserved.put(function, null);
        }
    }

    // ---- arranging the account --------------------------------------------------------------------------

    public synchronized InMemoryAccount withReserved(String function, Integer concurrency) {
        reserved.put(function, concurrency);
        return this;
    }

    public synchronized InMemoryAccount withInstanceState(InstanceState state) {
        instanceState = state;
        serviceActive = state == InstanceState.RUNNING;
        return this;
    }

    public synchronized InMemoryAccount withDistributionEnabled(boolean enabled) {
        distributionEnabled = enabled;
        return this;
    }

    public synchronized InMemoryAccount withTag(String resource, String key, String value) {
        tags.computeIfAbsent(resource, r -> new TreeMap<>()).put(key, value);
        return this;
    }

    /** The tags a resource (function name, instance id or distribution id) carries now. */
    public synchronized Map<String, String> tags(String resource) {
        return Map.copyOf(tags.getOrDefault(resource, Map.of()));
    }

    public synchronized InMemoryAccount withParameter(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    /** Makes every call of an operation fail (e.g. "StopInstances"), or only for one target ("PutFunctionConcurrency relay-b"). */
    public synchronized InMemoryAccount failing(String operationAndMaybeTarget) {
        failing.add(operationAndMaybeTarget);
        return this;
    }

    public synchronized InMemoryAccount healing(String operationAndMaybeTarget) {
        failing.remove(operationAndMaybeTarget);
        return this;
    }

    /** The statuses a command goes through in turn, the last one repeating (a non-terminal last one never ends). */
    public synchronized InMemoryAccount withCommandStatuses(CommandStatus... statuses) {
        commandStatuses.clear();
        commandStatuses.addAll(List.of(statuses));
        commandStatusForever = statuses[statuses.length - 1];
        return this;
    }

    /** The answers the health endpoint gives in turn before it follows the real host state again. */
    public synchronized InMemoryAccount withHealthAnswers(Boolean... answers) {
        healthAnswers.addAll(List.of(answers));
        return this;
    }

    public synchronized InMemoryAccount neverReachingRunning() {
        neverReachesRunning = true;
        return this;
    }

    // ---- reading the account ----------------------------------------------------------------------------

    public synchronized Integer reserved(String function) {
        return reserved.get(function);
    }

    public synchronized Map<String, Integer> reservedByFunction() {
        return new LinkedHashMap<>(reserved);
    }

    public synchronized InstanceState instanceState() {
        return instanceState;
    }

    public synchronized boolean serviceActive() {
        return serviceActive;
    }

    public synchronized boolean distributionEnabled() {
        return distributionEnabled;
    }

    public synchronized Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    public synchronized List<Published> published() {
        return List.copyOf(published);
    }

    public synchronized List<SentCommand> sentCommands() {
        return List.copyOf(sentCommands.values());
    }

    /** How long the caller asked each wait for a command to last. */
    public synchronized List<Duration> commandWaits() {
        return List.copyOf(commandWaits);
    }

    public synchronized List<String> cancelledCommands() {
        return List.copyOf(cancelledCommands);
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<String> mutatingCalls() {
        return calls.stream().filter(c -> MUTATING.contains(c.split(" ")[0])).toList();
    }

    /** The whole observable state, for before/after comparisons. */
    public synchronized String state() {
        return "functions=" + reserved + " instance=" + instanceState + " service=" + serviceActive
                + " distributionEnabled=" + distributionEnabled + " priorTags=" + priorTags();
    }

    /** Every cost-guard:prior-* tag in the account, by resource; a tag left behind shows in {@link #state()}. */
    public synchronized Map<String, Map<String, String>> priorTags() {
        Map<String, Map<String, String>> all = new TreeMap<>();
        tags.forEach((resource, onIt) -> onIt.forEach((key, value) -> {
            if (key.startsWith("cost-guard:prior-")) {
                all.computeIfAbsent(resource, r -> new TreeMap<>()).put(key, value);
            }
        }));
        return all;
    }

    // ---- ports ------------------------------------------------------------------------------------------

    /** Each kind answers under its own service's operation names, so a failure can be aimed at one kind. */
    private String[] tagOperations(String resource) {
        if (reserved.containsKey(resource)) {
            return new String[] {"ListTags", "TagResource", "UntagResource"};
        }
        if (instanceId.equals(resource)) {
            return new String[] {"DescribeTags", "CreateTags", "DeleteTags"};
        }
        if (distributionId.equals(resource)) {
            return new String[] {"ListTagsForResource", "TagDistribution", "UntagDistribution"};
        }
        throw new CloudOperationException("Tagging", "ResourceNotFoundException", 404,
                "tagging " + resource + " failed: no such resource", null);
    }

    @Override
    public synchronized Map<String, String> readPriorTags(String resource) {
        call(tagOperations(resource)[0], resource);
        Map<String, String> prior = new TreeMap<>();
        tags.getOrDefault(resource, Map.of()).forEach((key, value) -> {
            if (key.startsWith("cost-guard:prior-")) {
                prior.put(key, value);
            }
        });
        return prior;
    }

    @Override
    public synchronized void writePriorTags(String resource, Map<String, String> added) {
        call(tagOperations(resource)[1], resource);
        tags.computeIfAbsent(resource, r -> new TreeMap<>()).putAll(added);
    }

    @Override
    public synchronized void removePriorTags(String resource, Collection<String> keys) {
        call(tagOperations(resource)[2], resource);
        keys.forEach(tags.getOrDefault(resource, new TreeMap<>())::remove);
    }

    @Override
    public synchronized OptionalInt reservedConcurrency(String functionName) {
        call("GetFunctionConcurrency", functionName);
        requireFunction(functionName);
        Integer value = reserved.get(functionName);
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    @Override
    public synchronized void reserveConcurrency(String functionName, int concurrency) {
        call("PutFunctionConcurrency", functionName);
        requireFunction(functionName);
        reserved.put(functionName, concurrency);
    }

    @Override
    public synchronized void removeReservedConcurrency(String functionName) {
        call("DeleteFunctionConcurrency", functionName);
        requireFunction(functionName);
        reserved.put(functionName, null);
    }

    @Override
    public synchronized InstanceStatus describe(String id) {
        call("DescribeInstances", id);
        requireInstance(id);
        return status();
    }

    @Override
    public synchronized InstanceState stop(String id) {
        call("StopInstances", id);
        requireInstance(id);
        if (instanceState == InstanceState.RUNNING || instanceState == InstanceState.PENDING) {
            instanceState = InstanceState.STOPPING;
            serviceActive = false;
        }
        return instanceState;
    }

    @Override
    public synchronized InstanceState start(String id) {
        call("StartInstances", id);
        requireInstance(id);
        if (instanceState == InstanceState.STOPPING) {
            throw new CloudOperationException("StartInstances", "IncorrectInstanceState", 400,
                    "StartInstances " + id + " failed: IncorrectInstanceState (HTTP 400)", null);
        }
        if (instanceState == InstanceState.STOPPED) {
            instanceState = InstanceState.PENDING;
        }
        return instanceState;
    }

    @Override
    public synchronized InstanceStatus awaitRunning(String id, Duration timeout) {
        call("WaitRunning", id);
        requireInstance(id);
        if (instanceState == InstanceState.PENDING && !neverReachesRunning) {
            instanceState = InstanceState.RUNNING;
            serviceActive = true;
        }
        if (instanceState != InstanceState.RUNNING) {
            throw new CloudOperationException("WaitRunning", "instance " + id + " did not reach running within "
                    + timeout + " (last state: " + instanceState.awsName() + ")");
        }
        return status();
    }

    @Override
    public synchronized InstanceStatus awaitStopped(String id, Duration timeout) {
        call("WaitStopped", id);
        requireInstance(id);
        if (instanceState == InstanceState.STOPPING) {
            instanceState = InstanceState.STOPPED;
        }
        if (instanceState != InstanceState.STOPPED) {
            throw new CloudOperationException("WaitStopped", "instance " + id + " did not reach stopped within "
                    + timeout + " (last state: " + instanceState.awsName() + ")");
        }
        return status();
    }

    @Override
    public synchronized String sendShell(String id, List<String> lines, String comment, Duration timeout) {
        call("SendCommand", id);
        requireInstance(id);
        if (instanceState != InstanceState.RUNNING) {
            throw new CloudOperationException("SendCommand", "InvalidInstanceId", 400,
                    "SendCommand " + id + " failed: InvalidInstanceId (HTTP 400): instance not running", null);
        }
        if (commandStatuses.isEmpty()) {
            withCommandStatuses(CommandStatus.NOT_YET_VISIBLE, CommandStatus.SUCCESS);
        }
        String commandId = "command-" + (++commands);
        sentCommands.put(commandId, new SentCommand(commandId, List.copyOf(lines), timeout));
        return commandId;
    }

    /** Goes through the scripted statuses until one is terminal or the last one repeats; a stop takes effect on success. */
    @Override
    public synchronized CommandInvocation awaitCompletion(String commandId, String id, Duration timeout) {
        call("WaitCommandExecuted", commandId);
        commandWaits.add(timeout);
        CommandStatus status = commandStatuses.isEmpty() ? commandStatusForever : commandStatuses.peek();
        while (!status.terminal() && commandStatuses.size() > 1) {
            commandStatuses.poll();
            status = commandStatuses.peek();
        }
        if (commandStatuses.size() > 1) {
            commandStatuses.poll();
        }
        if (status == CommandStatus.SUCCESS && sentCommands.containsKey(commandId)
                && sentCommands.get(commandId).lines().stream().anyMatch(line -> line.startsWith("systemctl stop "))) {
            serviceActive = false;
        }
        return new CommandInvocation(status, status.name());
    }

    @Override
    public synchronized void cancel(String commandId, String id) {
        call("CancelCommand", commandId);
        cancelledCommands.add(commandId);
    }

    @Override
    public synchronized boolean isEnabled(String id) {
        call("GetDistributionConfig", id);
        requireDistribution(id);
        return distributionEnabled;
    }

    @Override
    public synchronized boolean setEnabled(String id, boolean enabled) {
        call("GetDistributionConfig", id);
        requireDistribution(id);
        boolean before = distributionEnabled;
        if (before != enabled) {
            call("UpdateDistribution", id);
            distributionEnabled = enabled;
        }
        return before;
    }

    @Override
    public synchronized Optional<String> get(String name) {
        call("GetParameter", name);
        return Optional.ofNullable(parameters.get(name));
    }

    @Override
    public synchronized boolean putIfAbsent(String name, String value) {
        call("PutParameter", name);
        return parameters.putIfAbsent(name, value) == null;
    }

    @Override
    public synchronized void put(String name, String value) {
        call("PutParameter", name);
        parameters.put(name, value);
    }

    @Override
    public synchronized void delete(String name) {
        call("DeleteParameter", name);
        parameters.remove(name);
    }

    @Override
    public synchronized String publish(String topicArn, String subject, String message) {
        call("Publish", topicArn);
        published.add(new Published(topicArn, subject, message));
        return "message-" + published.size();
    }

    @Override
    public synchronized Result check(URI url) {
        call("HealthCheck", url.toString());
        boolean healthy = healthAnswers.isEmpty() ? instanceState == InstanceState.RUNNING && serviceActive
                : healthAnswers.poll();
        return new Result(healthy, healthy ? "HTTP 200" : "HTTP 503");
    }

    // ---- internals --------------------------------------------------------------------------------------

    private void call(String operation, String target) {
        calls.add(operation + " " + target);
        if (failing.contains(operation) || failing.contains(operation + " " + target)) {
            throw new CloudOperationException(operation, "InternalFailure", 500,
                    operation + " " + target + " failed: InternalFailure (HTTP 500): injected failure", null);
        }
    }

    private InstanceStatus status() {
        boolean hasAddress = instanceState == InstanceState.RUNNING || instanceState == InstanceState.PENDING;
        return new InstanceStatus(instanceId, instanceState, "10.0.1.23", hasAddress ? "203.0.113.10" : null);
    }

    private void requireFunction(String name) {
        if (!reserved.containsKey(name)) {
            throw new CloudOperationException("Lambda", "ResourceNotFoundException", 404,
                    "function " + name + " failed: ResourceNotFoundException (HTTP 404): Function not found", null);
        }
    }

    private void requireInstance(String id) {
        if (!instanceId.equals(id)) {
            throw new CloudOperationException("EC2", "InvalidInstanceID.NotFound", 400,
                    "instance " + id + " failed: InvalidInstanceID.NotFound (HTTP 400)", null);
        }
    }

    private void requireDistribution(String id) {
        if (!distributionId.equals(id)) {
            throw new CloudOperationException("CloudFront", "NoSuchDistribution", 404,
                    "distribution " + id + " failed: NoSuchDistribution (HTTP 404)", null);
        }
    }
}
