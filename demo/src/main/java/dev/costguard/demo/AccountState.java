package dev.costguard.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the fake account holds. Not thread-safe by itself: the router runs every call under this
 * object's monitor, so each AWS call is atomic, as it is for a client of the real account.
 */
final class AccountState {

    static final String REGION = "eu-west-1";
    static final String ACCOUNT_ID = "123456789012";
    static final String INSTANCE_ID = "i-0c0ffee5eed000001";
    static final String API_UNIT = "nostr-api";
    static final String DISTRIBUTION_ID = "E2DEMO0CDN0001";
    static final String CLUSTER = "demo-cluster";

    static final class LambdaFunction {
        final String name;
        Integer reservedConcurrency;
        String runtime = "nodejs20.x";
        String handler = "index.handler";
        String role = "arn:aws:iam::" + ACCOUNT_ID + ":role/relay";
        String description = "";
        long codeSize;
        String codeSha256 = "";
        Instant lastModified = Instant.EPOCH;
        /** CreateFunction answers Pending; the function is Active by the next GetFunction, as the SDK's waiter expects. */
        String state = "Active";

        LambdaFunction(String name, Integer reservedConcurrency) {
            this.name = name;
            this.reservedConcurrency = reservedConcurrency;
        }

        String arn() {
            return "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + name;
        }
    }

    static final class Distribution {
        final String id;
        final String callerReference;
        final String domainName;
        String comment = "Cost Guard demo relay";
        String originId = "relay-origin";
        String originDomain = "relay.demo.example";
        boolean enabled = true;
        int version = 1;
        boolean inProgress;
        Instant lastModified;

        Distribution(String id, String callerReference, String domainName, Instant now) {
            this.id = id;
            this.callerReference = callerReference;
            this.domainName = domainName;
            this.lastModified = now;
        }

        /** CloudFront's ETag names one version of the config; any update makes a new one. */
        String etag() {
            return "E" + version;
        }

        String domainName() {
            return domainName;
        }
    }

    static final class Parameter {
        final String name;
        String type;
        String value;
        String tier;
        long version;
        Instant lastModified;

        Parameter(String name) {
            this.name = name;
        }
    }

    static final class Command {
        final String id;
        final List<String> instanceIds;
        final List<String> lines;
        final String comment;
        final String documentName;
        final Instant requestedAt;
        /** instance -> GetCommandInvocation calls so far; the first one finds no invocation yet, as in AWS. */
        final Map<String, Integer> polls = new LinkedHashMap<>();
        /** Set by CancelCommand; the fake's commands have finished by then, so it changes nothing else. */
        boolean cancelRequested;

        Command(String id, List<String> instanceIds, List<String> lines, String comment, String documentName, Instant requestedAt) {
            this.id = id;
            this.instanceIds = instanceIds;
            this.lines = lines;
            this.comment = comment;
            this.documentName = documentName;
            this.requestedAt = requestedAt;
        }
    }

    static final class EcsService {
        final String cluster;
        final String name;
        final String taskDefinitionArn;
        final Instant createdAt;
        int desiredCount;
        int runningCount;

        EcsService(String cluster, String name, String taskDefinitionArn, int desiredCount, int runningCount, Instant createdAt) {
            this.cluster = cluster;
            this.name = name;
            this.taskDefinitionArn = taskDefinitionArn;
            this.desiredCount = desiredCount;
            this.runningCount = runningCount;
            this.createdAt = createdAt;
        }

        String arn() {
            return "arn:aws:ecs:" + REGION + ":" + ACCOUNT_ID + ":service/" + cluster + "/" + name;
        }
    }

    static final class ScalableTarget {
        final String namespace;
        final String resourceId;
        final String dimension;
        final Instant createdAt;
        int minCapacity;
        int maxCapacity;

        ScalableTarget(String namespace, String resourceId, String dimension, int min, int max, Instant createdAt) {
            this.namespace = namespace;
            this.resourceId = resourceId;
            this.dimension = dimension;
            this.minCapacity = min;
            this.maxCapacity = max;
            this.createdAt = createdAt;
        }

        String key() {
            return key(namespace, resourceId, dimension);
        }

        static String key(String namespace, String resourceId, String dimension) {
            return namespace + "|" + resourceId + "|" + dimension;
        }
    }

    /** One revision of an ECS task definition, kept as registered: CreateService checks its network mode. */
    record TaskDefinition(String family, int revision, ObjectNode registered) {
        String arn() {
            return "arn:aws:ecs:" + REGION + ":" + ACCOUNT_ID + ":task-definition/" + family + ":" + revision;
        }
    }

    record Published(String messageId, String topicArn, String subject, String message, Instant at) {
    }

    final Clock clock;
    /** How long a transitional instance state lasts when nobody describes the instance. */
    final Duration settleAfter;
    final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    final Map<String, Instance> instances = new LinkedHashMap<>();
    final Map<String, Distribution> distributions = new LinkedHashMap<>();
    final Map<String, Parameter> parameters = new TreeMap<>();
    final Map<String, Command> commands = new LinkedHashMap<>();
    final Set<String> clusters = new LinkedHashSet<>();
    final Map<String, List<TaskDefinition>> taskDefinitions = new LinkedHashMap<>();
    final Map<String, EcsService> ecsServices = new LinkedHashMap<>();
    final Map<String, ScalableTarget> scalableTargets = new LinkedHashMap<>();
    final Set<String> topics = new LinkedHashSet<>();
    final List<Published> published = new ArrayList<>();

    private AccountState(Clock clock, Duration settleAfter) {
        this.clock = clock;
        this.settleAfter = settleAfter;
    }

    /** An account with nothing in it, for a seeder to fill through the create calls (`--empty`). */
    static AccountState empty(Clock clock, Duration settleAfter) {
        return new AccountState(clock, settleAfter);
    }

    /** The small account the demo plays: a relay on one EC2 host behind CloudFront, three Lambdas, an ECS cluster. */
    static AccountState sample(Clock clock, Duration settleAfter) {
        AccountState account = new AccountState(clock, settleAfter);
        Instant now = clock.instant();
        for (String name : List.of("relay-connect", "relay-disconnect")) {
            account.functions.put(name, new LambdaFunction(name, null));
        }
        account.functions.put("relay-default", new LambdaFunction("relay-default", 10));
        Instance host = new Instance(INSTANCE_ID, "127.0.0.1", "t4g.small", now, settleAfter, API_UNIT);
        host.tags.put("Name", "nostr-relay");
        account.instances.put(INSTANCE_ID, host);
        account.distributions.put(DISTRIBUTION_ID, new Distribution(DISTRIBUTION_ID, "cost-guard-demo-relay", "d111demo0cdn01.cloudfront.net", now));
        account.clusters.add(CLUSTER);
        String taskDefinition = "arn:aws:ecs:" + REGION + ":" + ACCOUNT_ID + ":task-definition/relay:1";
        account.addEcsService(new EcsService(CLUSTER, "web", taskDefinition, 2, 2, now));
        account.addEcsService(new EcsService(CLUSTER, "api", taskDefinition, 3, 3, now));
        ScalableTarget api = new ScalableTarget("ecs", "service/" + CLUSTER + "/api", "ecs:service:DesiredCount", 1, 4, now);
        account.scalableTargets.put(api.key(), api);
        return account;
    }

    Instant now() {
        return clock.instant();
    }

    void addEcsService(EcsService service) {
        ecsServices.put(service.cluster + "/" + service.name, service);
    }
}
