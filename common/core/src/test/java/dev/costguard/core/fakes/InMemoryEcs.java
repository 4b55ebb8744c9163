package dev.costguard.core.fakes;

import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.ContainerServices;
import dev.costguard.core.ports.ScalableTargets;
import dev.costguard.core.ports.ServiceTags;
import java.util.Collection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ECS services and their Application Auto Scaling targets in memory, keyed "cluster/service". Any operation can be
 * made to fail (for every service or one), and every call is logged in order, so a test can check what changed
 * and in which order. A scaling policy is modelled only as far as it matters here: registering bounds pulls the
 * desired count inside them, as Application Auto Scaling does.
 */
public class InMemoryEcs implements ContainerServices, ScalableTargets, ServiceTags {

    /** Operations that change something; a run that must change nothing logs none of these. */
    public static final Set<String> MUTATING = Set.of("UpdateService", "RegisterScalableTarget", "TagResource",
            "UntagResource");

    private final Map<String, Integer> desired = new LinkedHashMap<>();
    private final Map<String, Capacity> targets = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final Set<String> failing = new HashSet<>();
    private final Map<String, Integer> deployments = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> tags = new LinkedHashMap<>();

    // ---- arranging ----------------------------------------------------------------------------------------

    public synchronized InMemoryEcs withService(String cluster, String service, int desiredCount) {
        desired.put(key(cluster, service), desiredCount);
        return this;
    }

    public synchronized InMemoryEcs withTarget(String cluster, String service, int min, int max) {
        targets.put(key(cluster, service), new Capacity(min, max));
        return this;
    }

    /** Makes every call of an operation fail ("UpdateService"), or only for one service ("UpdateService c/web"). */
    public synchronized InMemoryEcs failing(String operationAndMaybeService) {
        failing.add(operationAndMaybeService);
        return this;
    }

    public synchronized InMemoryEcs healing(String operationAndMaybeService) {
        failing.remove(operationAndMaybeService);
        return this;
    }

    /** Adds a call made elsewhere (e.g. a Parameter Store write) to this log, to check the order across ports. */
    public synchronized void record(String call) {
        calls.add(call);
    }

    // ---- reading ------------------------------------------------------------------------------------------

    public synchronized Integer desired(String cluster, String service) {
        return desired.get(key(cluster, service));
    }

    public synchronized Capacity target(String cluster, String service) {
        return targets.get(key(cluster, service));
    }

    /** The service's tags (all of them, not only Cost Guard's). */
    public synchronized Map<String, String> tags(String cluster, String service) {
        return Map.copyOf(tags.getOrDefault(key(cluster, service), Map.of()));
    }

    /** Every service's count, bounds and tags, for comparing an account before and after. */
    public synchronized String state() {
        return "desired " + desired + ", targets " + targets + ", tags " + tags;
    }

    /** How many forced deployments the service has had. */
    public synchronized int deployments(String cluster, String service) {
        return deployments.getOrDefault(key(cluster, service), 0);
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<String> mutatingCalls() {
        return calls.stream().filter(c -> MUTATING.contains(c.split(" ")[0])).toList();
    }

    /** Calls for one service, in order. */
    public synchronized List<String> callsFor(String cluster, String service) {
        String suffix = " " + key(cluster, service);
        return calls.stream().filter(c -> c.endsWith(suffix)).toList();
    }

    // ---- ports --------------------------------------------------------------------------------------------

    @Override
    public synchronized int desiredCount(String cluster, String service) {
        call("DescribeServices", cluster, service);
        return requireService(cluster, service);
    }

    @Override
    public synchronized void setDesiredCount(String cluster, String service, int desiredCount) {
        call("UpdateService", cluster, service);
        requireService(cluster, service);
        desired.put(key(cluster, service), desiredCount);
    }

    @Override
    public synchronized void forceNewDeployment(String cluster, String service) {
        call("UpdateService", cluster, service);
        requireService(cluster, service);
        deployments.merge(key(cluster, service), 1, Integer::sum);
    }

    @Override
    public synchronized Optional<Capacity> find(String cluster, String service) {
        call("DescribeScalableTargets", cluster, service);
        return Optional.ofNullable(targets.get(key(cluster, service)));
    }

    @Override
    public synchronized void setCapacity(String cluster, String service, Capacity capacity) {
        call("RegisterScalableTarget", cluster, service);
        String key = key(cluster, service);
        if (!targets.containsKey(key)) {
            throw new CloudOperationException("RegisterScalableTarget", "ValidationException", 400,
                    "RegisterScalableTarget " + key + " failed: ValidationException (HTTP 400): no target registered here",
                    null);
        }
        targets.put(key, capacity);
        desired.computeIfPresent(key, (k, count) -> Math.max(capacity.min(), Math.min(capacity.max(), count)));
    }

    @Override
    public synchronized Map<String, String> readPriorTags(String resource) {
        call("ListTagsForResource", resource);
        requireService(resource);
        Map<String, String> prior = new LinkedHashMap<>();
        tags.getOrDefault(resource, Map.of()).forEach((key, value) -> {
            if (key.startsWith("cost-guard:prior-")) {
                prior.put(key, value);
            }
        });
        return prior;
    }

    @Override
    public synchronized void writePriorTags(String resource, Map<String, String> written) {
        call("TagResource", resource);
        requireService(resource);
        tags.computeIfAbsent(resource, k -> new LinkedHashMap<>()).putAll(written);
    }

    @Override
    public synchronized void removePriorTags(String resource, Collection<String> keys) {
        call("UntagResource", resource);
        requireService(resource);
        Map<String, String> carried = tags.get(resource);
        if (carried != null) {
            keys.forEach(carried::remove);
            if (carried.isEmpty()) {
                tags.remove(resource);
            }
        }
    }

    // ---- internals ----------------------------------------------------------------------------------------

    private static String key(String cluster, String service) {
        return cluster + "/" + service;
    }

    private void call(String operation, String cluster, String service) {
        call(operation, key(cluster, service));
    }

    private void requireService(String target) {
        if (!desired.containsKey(target)) {
            throw new CloudOperationException("DescribeServices", "MISSING", 200,
                    "DescribeServices " + target + " failed: MISSING", null);
        }
    }

    private void call(String operation, String target) {
        calls.add(operation + " " + target);
        if (failing.contains(operation) || failing.contains(operation + " " + target)) {
            throw new CloudOperationException(operation, "ServerException", 500,
                    operation + " " + target + " failed: ServerException (HTTP 500): injected failure", null);
        }
    }

    private int requireService(String cluster, String service) {
        Integer count = desired.get(key(cluster, service));
        if (count == null) {
            throw new CloudOperationException("DescribeServices", "MISSING", 200,
                    "DescribeServices " + key(cluster, service) + " failed: MISSING", null);
        }
        return count;
    }
}
