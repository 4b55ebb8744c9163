package dev.costguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;

/** The seeder with the real SDK against an empty fake account, through the same entry point run.sh uses. */
class SampleAccountSeederTest {

    private final FakeAccount aws = FakeAccount.empty();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        aws.close();
    }

    private int seed(Map<String, String> env) {
        stdout.reset();
        stderr.reset();
        return SampleAccountSeeder.run(env, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private Map<String, String> env(String... more) {
        Map<String, String> env = new LinkedHashMap<>(Map.of("AWS_ENDPOINT_URL", aws.endpoint().toString(), "AWS_REGION", "eu-west-1"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    /** What `source` would set: NAME='value' lines, quotes removed. */
    private Map<String, String> assignments() {
        return stdout.toString(StandardCharsets.UTF_8).lines()
                .map(line -> line.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1].substring(1, pair[1].length() - 1), (a, b) -> b, LinkedHashMap::new));
    }

    private String warnings() {
        return stderr.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("warning")).collect(Collectors.joining("\n"));
    }

    @Test
    void seedsTheSampleAccountAndPrintsItsIdsAsShellAssignments() {
        assertThat(seed(env())).isZero();

        Map<String, String> seeded = assignments();
        assertThat(seeded.keySet()).containsExactlyElementsOf(SampleAccountSeeder.VARIABLES);
        assertThat(warnings()).isEmpty();
        JsonNode state = aws.state();
        assertThat(state.at("/lambda/relay-connect").isNull()).isTrue();
        assertThat(state.at("/lambda/relay-disconnect").isNull()).isTrue();
        assertThat(state.at("/lambda/relay-default").asInt()).isEqualTo(10);
        assertThat(seeded.get("DEMO_FUNCTION_NAMES")).isEqualTo("relay-connect,relay-disconnect,relay-default");
        String instance = seeded.get("DEMO_INSTANCE_ID");
        assertThat(instance).matches("i-[0-9a-f]{17}");
        assertThat(state.at("/ec2/" + instance + "/state").asText()).isEqualTo("running");
        assertThat(state.at("/ec2/" + instance + "/services/nostr-api").asText()).isEqualTo("active");
        assertThat(seeded.get("DEMO_PRIVATE_IP")).isEqualTo("127.0.0.1");
        String distribution = seeded.get("DEMO_DISTRIBUTION_ID");
        assertThat(state.at("/cloudfront/" + distribution + "/enabled").asBoolean()).isTrue();
        assertThat(seeded.get("DEMO_ALERT_TOPIC_ARN")).isEqualTo("arn:aws:sns:eu-west-1:123456789012:cost-guard-demo-alert");
        assertThat(seeded.get("DEMO_RESULT_TOPIC_ARN")).isEqualTo("arn:aws:sns:eu-west-1:123456789012:cost-guard-demo-result");
        assertThat(state.at("/sns/topics")).hasSize(2);
        assertThat(state.at("/ecs/demo-cluster~1web/desiredCount").asInt()).isEqualTo(2);
        assertThat(state.at("/ecs/demo-cluster~1api/desiredCount").asInt()).isEqualTo(3);
        assertThat(state.at("/autoscaling/service~1demo-cluster~1api/min").asInt()).isEqualTo(1);
        assertThat(state.at("/autoscaling/service~1demo-cluster~1api/max").asInt()).isEqualTo(4);
        assertThat(seeded.get("DEMO_ECS_CLUSTER")).isEqualTo("demo-cluster");
        assertThat(seeded.get("DEMO_ECS_SERVICES")).isEqualTo("demo-cluster/web,demo-cluster/api");
        assertThat(aws.callLog()).contains("ec2 RunInstances " + instance + " ami-ff0fea8310f3 t3.micro");
    }

    @Test
    void aSecondRunReusesWhatTheFirstCreated() {
        seed(env());
        Map<String, String> first = assignments();

        assertThat(seed(env())).isZero();

        assertThat(assignments()).isEqualTo(first);
        JsonNode state = aws.state();
        assertThat(state.get("ec2")).hasSize(1);
        assertThat(state.get("cloudfront")).hasSize(1);
        assertThat(state.get("lambda")).hasSize(3);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("exists, reused").doesNotContain("warning");
    }

    @Test
    void aServiceThatFailsIsOneWarningAndTheOthersAreStillSeeded() {
        assertThat(seed(env("DEMO_AMI", "not-an-ami"))).isZero();

        assertThat(warnings()).startsWith("seed: warning: EC2 not seeded (400 InvalidAMIID.Malformed: ")
                .endsWith("the instance phases will fail in the reports")
                .doesNotContain("\n");
        Map<String, String> seeded = assignments();
        assertThat(seeded.get("DEMO_INSTANCE_ID")).isEmpty();
        assertThat(seeded.get("DEMO_DISTRIBUTION_ID")).isNotEmpty();
        assertThat(seeded.get("DEMO_ECS_CLUSTER")).isEqualTo("demo-cluster");
        assertThat(aws.state().get("ec2")).isEmpty();
    }

    @Test
    void nothingListeningAtTheEndpointWarnsForEveryServiceAndFails() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int status = seed(env("AWS_ENDPOINT_URL", "http://127.0.0.1:" + closedPort));

        assertThat(status).isEqualTo(1);
        assertThat(warnings().lines().map(line -> line.substring(0, line.indexOf(" not seeded"))))
                .containsExactly("seed: warning: Lambda", "seed: warning: EC2", "seed: warning: CloudFront", "seed: warning: SNS",
                        "seed: warning: ECS");
        assertThat(assignments().values()).allMatch(String::isEmpty);
    }

    @Test
    void refusesToRunWithoutAnEndpointSoItNeverCreatesResourcesInARealAccount() {
        assertThat(seed(Map.of("AWS_REGION", "eu-west-1"))).isEqualTo(2);

        assertThat(stdout.size()).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("AWS_ENDPOINT_URL is not set");
        assertThat(aws.callLog()).isEqualTo(List.of());
    }

    @Test
    void aRefusalTheClientCouldNotParseIsReportedWithItsRawBody() {
        // LocalStack community answers JSON for CloudFront, whose client expects XML: code and message stay unparsed.
        AwsServiceException refusal = AwsServiceException.builder().statusCode(501)
                .awsErrorDetails(AwsErrorDetails.builder().rawResponse(SdkBytes.fromUtf8String(
                        "{\"__type\": \"InternalFailure\",\n \"message\": \"API for service 'cloudfront' not yet implemented\"}")).build())
                .build();

        assertThat(SampleAccountSeeder.reason(refusal)).isEqualTo(
                "HTTP 501: {\"__type\": \"InternalFailure\", \"message\": \"API for service 'cloudfront' not yet implemented\"}");
    }
}
