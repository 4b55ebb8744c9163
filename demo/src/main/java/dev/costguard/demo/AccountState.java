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
        final Map<String, String> tags = new TreeMap<>();

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
        final Map<String, String> tags = new TreeMap<>();

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
        /** Deployments forced with UpdateService forceNewDeployment: each one replaces every task. */
        int forcedDeployments;
        final Map<String, String> tags = new TreeMap<>();

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

    /** A VPC subnet; the default VPC's one subnet and the EFS sample VPC's three live here. */
    record Subnet(String id, String vpcId, String availabilityZone, String cidr, int freeIps, boolean defaultForAz) {
    }

    static final class FileSystem {
        final String id;
        final Instant createdAt;
        /** Set for One Zone storage (a scripted fault turns the sample into one): EFS then allows one mount target. */
        String oneZone;
        /** Scripted: new mount targets end in this state ("error") instead of available. */
        String newTargetsEndIn;
        /** Scripted: mount targets that are creating stay creating. */
        boolean creatingHeld;

        FileSystem(String id, Instant createdAt) {
            this.id = id;
            this.createdAt = createdAt;
        }
    }

    /** An EFS mount target: `creating` for the first {@link #CREATING_LOOKS} describes after it was asked for. */
    static final class MountTarget {
        static final int CREATING_LOOKS = 2;

        final String id;
        final String fileSystemId;
        final Subnet subnet;
        final String ipAddress;
        final List<String> securityGroups;
        String state;
        int looksLeft;

        MountTarget(String id, String fileSystemId, Subnet subnet, String ipAddress, List<String> securityGroups,
                String state, int looksLeft) {
            this.id = id;
            this.fileSystemId = fileSystemId;
            this.subnet = subnet;
            this.ipAddress = ipAddress;
            this.securityGroups = securityGroups;
            this.state = state;
            this.looksLeft = looksLeft;
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
    final Map<String, Subnet> subnets = new LinkedHashMap<>();
    final Map<String, FileSystem> fileSystems = new LinkedHashMap<>();
    final Map<String, MountTarget> mountTargets = new LinkedHashMap<>();
    /** How many describes a new mount target stays `creating` for; a fault script can make it never finish. */
    int mountTargetCreatingLooks = MountTarget.CREATING_LOOKS;
    /** Scripted: zones where EFS refuses a mount target, with the error code (UnsupportedAvailabilityZone). */
    final Map<String, String> mountTargetRefusals = new LinkedHashMap<>();
    /** Cost Guard's own deployment and what the doctor reads (DeployedStack). */
    final DeployedStack stack = new DeployedStack();

    static final String DEFAULT_VPC = "vpc-0de0fa017c0a0000a";
    static final String DEFAULT_SUBNET = "subnet-0de0fa017c0a0000a";
    /** The EFS sample: a VPC with a subnet in each of three zones, and a file system with targets in two. */
    static final String EFS_VPC = "vpc-0ef5000000000000a";
    static final String FILE_SYSTEM_ID = "fs-0ef5000000000000a";

    private AccountState(Clock clock, Duration settleAfter) {
        this.clock = clock;
        this.settleAfter = settleAfter;
        // Every account has its default VPC's subnet, whatever else is in it.
        subnets.put(DEFAULT_SUBNET, new Subnet(DEFAULT_SUBNET, DEFAULT_VPC, REGION + "a", "172.31.0.0/20", 4091, true));
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
        int octet = 1;
        for (String zone : List.of("a", "b", "c")) {
            String id = "subnet-0ef500000000000" + zone + "0";
            account.subnets.put(id, new Subnet(id, EFS_VPC, REGION + zone, "10.20." + octet + ".0/24", 250, false));
            octet++;
        }
        account.fileSystems.put(FILE_SYSTEM_ID, new FileSystem(FILE_SYSTEM_ID, now));
        for (String zone : List.of("a", "b")) {
            String id = "fsmt-0ef500000000000" + zone + "0";
            Subnet subnet = account.subnets.get("subnet-0ef500000000000" + zone + "0");
            account.mountTargets.put(id, new MountTarget(id, FILE_SYSTEM_ID, subnet,
                    subnet.cidr().replace(".0/24", ".10"), List.of("sg-0ef5000000000000a"), "available", 0));
        }
        DeployedStack.sample(account);
        return account;
    }

    Instant now() {
        return clock.instant();
    }

    void addEcsService(EcsService service) {
        ecsServices.put(service.cluster + "/" + service.name, service);
    }
}
