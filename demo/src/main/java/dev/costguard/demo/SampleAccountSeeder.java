package dev.costguard.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginProtocolPolicy;
import software.amazon.awssdk.services.cloudfront.model.ViewerProtocolPolicy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Creates the demo's sample account on another endpoint (LocalStack, Floci, or this module's fake started with
 * {@code --empty}), so {@code make demo} can run the real handlers there. Each service is its own section: one the
 * endpoint lacks is reported in one warning line and the rest goes on. Re-running reuses what exists.
 * <p>
 * Usage: {@code AWS_ENDPOINT_URL=http://localhost:4566 java -cp demo.jar:<SDK jars> dev.costguard.demo.SampleAccountSeeder}.
 * stdout carries only shell assignments ({@code DEMO_INSTANCE_ID='i-...'}) for run.sh to {@code source}; progress and
 * warnings go to stderr.
 */
public final class SampleAccountSeeder {

    static final List<String> FUNCTIONS = List.of("relay-connect", "relay-disconnect", "relay-default");
    static final String RESERVED_FUNCTION = "relay-default";
    static final int RESERVED_CONCURRENCY = 10;
    static final String ROLE = "arn:aws:iam::000000000000:role/cost-guard-demo";
    static final String DEFAULT_AMI = "ami-ff0fea8310f3";
    static final String INSTANCE_NAME = "cost-guard-demo-api";
    /** The seeder finds its distribution again by this comment: CloudFront has no names, and caller references are single-use. */
    static final String DISTRIBUTION_COMMENT = "cost-guard-demo";
    static final String CACHING_DISABLED_POLICY = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    static final String ALERT_TOPIC = "cost-guard-demo-alert";
    static final String RESULT_TOPIC = "cost-guard-demo-result";
    static final String CLUSTER = "demo-cluster";
    static final String TASK_FAMILY = "cost-guard-demo";
    static final Map<String, Integer> SERVICES = servicesInOrder();
    static final String SCALED_SERVICE = "api";

    /** Every variable the seeder prints, always all of them: an empty value tells run.sh that part was not seeded. */
    static final List<String> VARIABLES = List.of("DEMO_FUNCTION_NAMES", "DEMO_INSTANCE_ID", "DEMO_PRIVATE_IP",
            "DEMO_DISTRIBUTION_ID", "DEMO_ALERT_TOPIC_ARN", "DEMO_RESULT_TOPIC_ARN", "DEMO_ECS_CLUSTER", "DEMO_ECS_SERVICES",
            "DEMO_ECS_SCALING");

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration WAIT_TIMEOUT = Duration.ofMinutes(3);

    private final URI endpoint;
    private final Region region;
    private final String ami;
    private final PrintStream progress;

    SampleAccountSeeder(URI endpoint, Region region, String ami, PrintStream progress) {
        this.endpoint = endpoint;
        this.region = region;
        this.ami = ami;
        this.progress = progress;
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out, System.err));
    }

    /** Returns the exit status: 0 when at least one section was seeded, 1 when none was, 2 without an endpoint. */
    static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        String endpoint = env.getOrDefault("AWS_ENDPOINT_URL", "").trim();
        if (endpoint.isEmpty()) {
            err.println("seed: AWS_ENDPOINT_URL is not set. This seeder creates resources (an EC2 instance among them) and runs "
                    + "only against a local endpoint such as LocalStack.");
            return 2;
        }
        Region region = Region.of(env.getOrDefault("AWS_REGION", "us-east-1"));
        String ami = env.getOrDefault("DEMO_AMI", DEFAULT_AMI);
        err.println("seed: creating the sample account at " + endpoint + " (" + region + ")");
        Map<String, String> seeded = new SampleAccountSeeder(URI.create(endpoint), region, ami, err).seed();
        out.print(shellAssignments(seeded));
        out.flush();
        if (seeded.values().stream().allMatch(String::isEmpty)) {
            err.println("seed: nothing could be created at " + endpoint + ": is it running?");
            return 1;
        }
        return 0;
    }

    /** Seeds every section it can; the map holds every variable of {@link #VARIABLES}, empty where a section failed. */
    Map<String, String> seed() {
        Map<String, String> seeded = new LinkedHashMap<>();
        VARIABLES.forEach(name -> seeded.put(name, ""));
        section("Lambda", "the function phases will fail in the reports", () -> seedFunctions(seeded));
        section("EC2", "the instance phases will fail in the reports", () -> seedInstance(seeded));
        section("CloudFront", "the distribution phases will fail in the reports", () -> seedDistribution(seeded));
        section("SNS", "publishing the reports will fail", () -> seedTopics(seeded));
        boolean ecs = section("ECS", "the ECS scheduler part of the demo is skipped", () -> seedServices(seeded));
        if (ecs) {
            section("Application Auto Scaling", "the scheduler finds no scalable target for " + SCALED_SERVICE, () -> seedScaling(seeded));
        }
        return seeded;
    }

    private boolean section(String service, String consequence, Runnable work) {
        try {
            work.run();
            return true;
        } catch (RuntimeException e) {
            // SDK errors above all, but also an answer too odd to read (no instance in a RunInstances reply): same warning.
            progress.println("seed: warning: " + service + " not seeded (" + reason(e) + "); " + consequence);
            return false;
        }
    }

    private void seedFunctions(Map<String, String> seeded) {
        byte[] code = handlerZip();
        try (LambdaClient lambda = client(LambdaClient.builder(), region)) {
            for (String name : FUNCTIONS) {
                try {
                    lambda.createFunction(r -> r.functionName(name).runtime(Runtime.PYTHON3_12).role(ROLE).handler("index.handler")
                            .description("Cost Guard demo: a relay function the kill switch throttles")
                            .code(c -> c.zipFile(SdkBytes.fromByteArray(code))));
                    progress.println("seed: Lambda function " + name + " created");
                } catch (ResourceConflictException e) {
                    // A function left by an earlier run: put it back to the sample's baseline, which has no throttle.
                    if (!name.equals(RESERVED_FUNCTION)) {
                        lambda.deleteFunctionConcurrency(r -> r.functionName(name));
                    }
                    progress.println("seed: Lambda function " + name + " exists, reused");
                }
                // A function is Pending right after CreateFunction; concurrency calls on it may be refused until it is Active.
                lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name), w -> w.waitTimeout(WAIT_TIMEOUT));
            }
            lambda.putFunctionConcurrency(r -> r.functionName(RESERVED_FUNCTION).reservedConcurrentExecutions(RESERVED_CONCURRENCY));
            progress.println("seed: Lambda function " + RESERVED_FUNCTION + " has reserved concurrency " + RESERVED_CONCURRENCY);
        }
        seeded.put("DEMO_FUNCTION_NAMES", String.join(",", FUNCTIONS));
    }

    /** A one-file Python package: the demo never invokes these functions, it only throttles and restores them. */
    static byte[] handlerZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("index.py"));
            zip.write("def handler(event, context):\n    return {\"statusCode\": 200, \"body\": \"relay\"}\n"
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void seedInstance(Map<String, String> seeded) {
        try (Ec2Client ec2 = client(Ec2Client.builder(), region)) {
            Instance existing = existingInstance(ec2);
            String id;
            if (existing == null) {
                id = ec2.runInstances(r -> r.imageId(ami).instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1)
                        .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE)
                                .tags(Tag.builder().key("Name").value(INSTANCE_NAME).build())))
                        .instances().get(0).instanceId();
                progress.println("seed: EC2 instance " + id + " launched (" + ami + ", t3.micro)");
            } else {
                id = existing.instanceId();
                progress.println("seed: EC2 instance " + id + " exists (" + existing.state().nameAsString() + "), reused");
                startIfStopped(ec2, existing);
            }
            ec2.waiter().waitUntilInstanceRunning(r -> r.instanceIds(id), w -> w.waitTimeout(WAIT_TIMEOUT));
            String privateIp = ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).privateIpAddress();
            seeded.put("DEMO_INSTANCE_ID", id);
            seeded.put("DEMO_PRIVATE_IP", privateIp == null ? "" : privateIp);
        }
    }

    private static Instance existingInstance(Ec2Client ec2) {
        return ec2.describeInstances(r -> r.filters(
                        Filter.builder().name("tag:Name").values(INSTANCE_NAME).build(),
                        Filter.builder().name("instance-state-name").values("pending", "running", "stopping", "stopped").build()))
                .reservations().stream()
                .flatMap(reservation -> reservation.instances().stream())
                .findFirst().orElse(null);
    }

    /** The demo starts from a running host; an earlier run may have left it stopped. StartInstances is refused while stopping. */
    private static void startIfStopped(Ec2Client ec2, Instance instance) {
        InstanceStateName state = instance.state().name();
        if (state == InstanceStateName.STOPPING) {
            ec2.waiter().waitUntilInstanceStopped(r -> r.instanceIds(instance.instanceId()), w -> w.waitTimeout(WAIT_TIMEOUT));
        }
        if (state == InstanceStateName.STOPPING || state == InstanceStateName.STOPPED) {
            ec2.startInstances(r -> r.instanceIds(instance.instanceId()));
        }
    }

    private void seedDistribution(Map<String, String> seeded) {
        // CloudFront is global: its API is signed for us-east-1 whatever the region, as the functions' client does it.
        try (CloudFrontClient cloudFront = client(CloudFrontClient.builder(), Region.US_EAST_1)) {
            String id = cloudFront.listDistributions().distributionList().items().stream()
                    .filter(summary -> DISTRIBUTION_COMMENT.equals(summary.comment()))
                    .map(DistributionSummary::id)
                    .findFirst().orElse(null);
            if (id == null) {
                id = cloudFront.createDistribution(r -> r.distributionConfig(config -> config
                        .callerReference(DISTRIBUTION_COMMENT + "-" + UUID.randomUUID())
                        .comment(DISTRIBUTION_COMMENT)
                        .enabled(true)
                        .origins(origins -> origins.quantity(1).items(Origin.builder()
                                .id("demo-origin")
                                .domainName("example.org")
                                .customOriginConfig(custom -> custom.httpPort(80).httpsPort(443)
                                        .originProtocolPolicy(OriginProtocolPolicy.HTTPS_ONLY))
                                .build()))
                        .defaultCacheBehavior(behavior -> behavior.targetOriginId("demo-origin")
                                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                                .cachePolicyId(CACHING_DISABLED_POLICY))))
                        .distribution().id();
                progress.println("seed: CloudFront distribution " + id + " created (origin example.org)");
            } else {
                progress.println("seed: CloudFront distribution " + id + " exists, reused");
            }
            seeded.put("DEMO_DISTRIBUTION_ID", id);
        }
    }

    private void seedTopics(Map<String, String> seeded) {
        // CreateTopic is idempotent: the same name gives back the same ARN.
        try (SnsClient sns = client(SnsClient.builder(), region)) {
            String alert = sns.createTopic(r -> r.name(ALERT_TOPIC)).topicArn();
            String result = sns.createTopic(r -> r.name(RESULT_TOPIC)).topicArn();
            progress.println("seed: SNS topics " + alert + ", " + result);
            seeded.put("DEMO_ALERT_TOPIC_ARN", alert);
            seeded.put("DEMO_RESULT_TOPIC_ARN", result);
        }
    }

    private void seedServices(Map<String, String> seeded) {
        try (EcsClient ecs = client(EcsClient.builder(), region); Ec2Client ec2 = client(Ec2Client.builder(), region)) {
            ecs.createCluster(r -> r.clusterName(CLUSTER));
            String taskDefinition = ecs.registerTaskDefinition(r -> r.family(TASK_FAMILY)
                            .requiresCompatibilities(Compatibility.FARGATE)
                            .networkMode(NetworkMode.AWSVPC)
                            .cpu("256")
                            .memory("512")
                            .containerDefinitions(ContainerDefinition.builder().name("web").image("nginx").essential(true)
                                    .portMappings(PortMapping.builder().containerPort(80).build()).build()))
                    .taskDefinition().taskDefinitionArn();
            List<String> subnets = defaultSubnets(ec2);
            for (Map.Entry<String, Integer> entry : SERVICES.entrySet()) {
                String name = entry.getKey();
                int desired = entry.getValue();
                boolean exists = ecs.describeServices(r -> r.cluster(CLUSTER).services(name)).services().stream()
                        .anyMatch(service -> "ACTIVE".equals(service.status()));
                if (exists) {
                    // Back to the sample's size, in case an earlier run left it stopped.
                    ecs.updateService(r -> r.cluster(CLUSTER).service(name).desiredCount(desired));
                    progress.println("seed: ECS service " + CLUSTER + "/" + name + " exists, reused with desiredCount " + desired);
                } else {
                    ecs.createService(r -> r.cluster(CLUSTER).serviceName(name).taskDefinition(taskDefinition).desiredCount(desired)
                            .launchType(LaunchType.FARGATE)
                            .networkConfiguration(network -> network.awsvpcConfiguration(vpc -> vpc.subnets(subnets)
                                    .assignPublicIp(AssignPublicIp.ENABLED))));
                    progress.println("seed: ECS service " + CLUSTER + "/" + name + " created with desiredCount " + desired);
                }
            }
            seeded.put("DEMO_ECS_CLUSTER", CLUSTER);
            seeded.put("DEMO_ECS_SERVICES", String.join(",", SERVICES.keySet().stream().map(name -> CLUSTER + "/" + name).toList()));
        }
    }

    /** An awsvpc service needs a subnet; the default VPC's are the ones a fresh local endpoint has. */
    private static List<String> defaultSubnets(Ec2Client ec2) {
        List<Subnet> subnets = ec2.describeSubnets(r -> r.filters(Filter.builder().name("default-for-az").values("true").build())).subnets();
        if (subnets.isEmpty()) {
            subnets = ec2.describeSubnets().subnets();
        }
        return subnets.stream().map(Subnet::subnetId).limit(1).toList();
    }

    private void seedScaling(Map<String, String> seeded) {
        String resourceId = "service/" + CLUSTER + "/" + SCALED_SERVICE;
        try (ApplicationAutoScalingClient scaling = client(ApplicationAutoScalingClient.builder(), region)) {
            scaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(4));
        }
        progress.println("seed: scalable target " + resourceId + " min 1, max 4");
        seeded.put("DEMO_ECS_SCALING", resourceId);
    }

    /**
     * url-connection HTTP like the functions; the endpoint is set explicitly rather than left to the SDK's own reading of
     * AWS_ENDPOINT_URL, so no setting elsewhere (a profile's ignore_configured_endpoint_urls) can send it to real AWS.
     */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, Region clientRegion) {
        builder.region(clientRegion)
                .endpointOverride(endpoint)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT));
        return builder.build();
    }

    /** One line saying why a section failed; an error body the client could not parse (JSON to an XML client) is shown raw. */
    static String reason(RuntimeException e) {
        String reason;
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            AwsErrorDetails details = service.awsErrorDetails();
            String status = details.errorCode() != null ? service.statusCode() + " " + details.errorCode() : "HTTP " + service.statusCode();
            String message = details.errorMessage() != null ? details.errorMessage()
                    : details.rawResponse() != null ? details.rawResponse().asUtf8String() : "";
            reason = status + ": " + message;
        } else {
            reason = e instanceof SdkException ? e.getMessage() : e.toString();
        }
        String line = String.valueOf(reason).replaceAll("\\s+", " ").trim();
        return line.length() > 240 ? line.substring(0, 240) + "..." : line;
    }

    /** One NAME='value' line per variable; values are single-quoted so `source` takes them literally. */
    static String shellAssignments(Map<String, String> seeded) {
        StringBuilder out = new StringBuilder();
        seeded.forEach((name, value) -> out.append(name).append("='").append(value.replace("'", "'\\''")).append("'\n"));
        return out.toString();
    }

    private static Map<String, Integer> servicesInOrder() {
        Map<String, Integer> services = new LinkedHashMap<>();
        services.put("web", 2);
        services.put("api", 3);
        return services;
    }
}
