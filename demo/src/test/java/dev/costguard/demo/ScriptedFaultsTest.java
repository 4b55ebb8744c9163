package dev.costguard.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * Scripted faults through the real AWS SDK clients: each protocol's error reaches the SDK as that service's own
 * exception with the scripted code, delays and unanswered calls end in the SDK's own timeouts, and a held
 * instance keeps the EC2 waiter waiting. The faults are set over HTTP with the same client the handler tests use.
 */
class ScriptedFaultsTest {

    private static final String HOST = AccountState.INSTANCE_ID;

    private final FakeAccount aws = new FakeAccount();
    private final FakeAccountFaults faults = FakeAccountFaults.of(aws.endpoint());

    @AfterEach
    void stop() {
        aws.close();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, Duration attemptTimeout) {
        return builder.region(Region.EU_WEST_1)
                .endpointOverride(aws.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake-secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)).apiCallAttemptTimeout(attemptTimeout))
                .build();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return client(builder, Duration.ofSeconds(30));
    }

    private int reserved(LambdaClient lambda, String function) {
        return lambda.getFunctionConcurrency(r -> r.functionName(function)).reservedConcurrentExecutions();
    }

    @Test
    void aRestJsonErrorForOneFunctionReachesTheSdkAsThatErrorAndChangesNothing() {
        LambdaClient lambda = client(LambdaClient.builder());
        faults.call("lambda:PutFunctionConcurrency").naming("relay-default").failWith(500, "ServiceException", "try later");

        assertThatThrownBy(() -> lambda.putFunctionConcurrency(r -> r.functionName("relay-default").reservedConcurrentExecutions(0)))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("try later");
                });
        lambda.putFunctionConcurrency(r -> r.functionName("relay-connect").reservedConcurrentExecutions(0));

        assertThat(reserved(lambda, "relay-default")).isEqualTo(10);
        assertThat(reserved(lambda, "relay-connect")).isZero();
        assertThat(aws.callLog()).contains(
                "lambda PutFunctionConcurrency relay-default -> 500 ServiceException: try later [fault: f1 error 500 ServiceException]",
                "lambda PutFunctionConcurrency relay-connect {\"ReservedConcurrentExecutions\":0}");
    }

    @Test
    void anEc2ErrorComesInEc2sOwnXmlAndTheInstanceStaysAsItWas() {
        Ec2Client ec2 = client(Ec2Client.builder());
        faults.call("ec2:StopInstances").failWith(400, "UnauthorizedOperation", "You are not authorized to perform this operation.");

        assertThatThrownBy(() -> ec2.stopInstances(r -> r.instanceIds(HOST)))
                .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("You are not authorized to perform this operation.");
                });

        assertThat(aws.state().at("/ec2/" + HOST + "/state").asText()).isEqualTo("running");
        assertThat(aws.callLog()).anyMatch(line -> line.startsWith("ec2 StopInstances -> 400 UnauthorizedOperation")
                && line.endsWith("[fault: f1 error 400 UnauthorizedOperation]"));
    }

    @Test
    void aCloudFrontErrorComesInTheRestXmlErrorResponse() {
        CloudFrontClient cloudFront = client(CloudFrontClient.builder());
        faults.call("cloudfront:GetDistributionConfig").naming(AccountState.DISTRIBUTION_ID)
                .failWith(503, "ServiceUnavailable", "CloudFront is busy");

        assertThatThrownBy(() -> cloudFront.getDistributionConfig(r -> r.id(AccountState.DISTRIBUTION_ID)))
                .isInstanceOfSatisfying(CloudFrontException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("CloudFront is busy");
                });
    }

    @Test
    void aJson11ErrorForOneServiceLeavesTheOtherServiceToBeUpdated() {
        EcsClient ecs = client(EcsClient.builder());
        faults.call("ecs:UpdateService").naming("web").failWith(500, "ServerException", "internal failure");

        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(AccountState.CLUSTER).service("web").desiredCount(0)))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServerException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("internal failure");
                });
        ecs.updateService(r -> r.cluster(AccountState.CLUSTER).service("api").desiredCount(0));

        JsonNode state = aws.state();
        assertThat(state.at("/ecs/" + AccountState.CLUSTER + "~1web/desiredCount").asInt()).isEqualTo(2);
        assertThat(state.at("/ecs/" + AccountState.CLUSTER + "~1api/desiredCount").asInt()).isZero();
    }

    @Test
    void aCountedFaultTakesOnlyTheFirstCallsAndCountsItsHits() {
        LambdaClient lambda = client(LambdaClient.builder());
        faults.call("lambda:GetFunctionConcurrency").times(2).failWith(429, "TooManyRequestsException", "Rate exceeded");

        assertThatThrownBy(() -> reserved(lambda, "relay-default")).isInstanceOf(LambdaException.class);
        assertThatThrownBy(() -> reserved(lambda, "relay-connect")).isInstanceOf(LambdaException.class);
        assertThat(reserved(lambda, "relay-default")).isEqualTo(10);

        assertThat(faults.list().get(0).path("hits").asInt()).isEqualTo(2);
    }

    @Test
    void aDelayedCallOutlastsAShortAttemptTimeoutAndAnswersNormallyOtherwise() {
        LambdaClient impatient = client(LambdaClient.builder(), Duration.ofMillis(300));
        LambdaClient patient = client(LambdaClient.builder());
        faults.call("lambda:GetFunctionConcurrency").naming("relay-default").times(1).delay(Duration.ofSeconds(3));
        faults.call("lambda:GetFunctionConcurrency").naming("relay-connect").times(1).delay(Duration.ofMillis(200));

        assertThatThrownBy(() -> reserved(impatient, "relay-default")).isInstanceOf(ApiCallAttemptTimeoutException.class);
        assertThat(patient.getFunctionConcurrency(r -> r.functionName("relay-connect")).reservedConcurrentExecutions()).isNull();

        assertThat(aws.callLog()).contains("lambda GetFunctionConcurrency relay-connect [fault: f2 delayed 200 ms]");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang, not a measurement
    void aCallThatNeverAnswersEndsInTheClientsTimeoutWhileOtherCallsAreServed() throws Exception {
        Ec2Client impatient = client(Ec2Client.builder(), Duration.ofMillis(500));
        Ec2Client patient = client(Ec2Client.builder(), Duration.ofMinutes(5));
        LambdaClient lambda = client(LambdaClient.builder());
        faults.call("ec2:DescribeInstances").times(2).neverAnswer();

        assertThatThrownBy(() -> impatient.describeInstances(r -> r.instanceIds(HOST)))
                .isInstanceOfAny(ApiCallAttemptTimeoutException.class, ApiCallTimeoutException.class);
        CompletableFuture<?> waiting = CompletableFuture.runAsync(() -> patient.describeInstances(r -> r.instanceIds(HOST)));
        while (unanswered() < 2) {
            Thread.onSpinWait();
        }
        assertThat(reserved(lambda, "relay-default")).isEqualTo(10);
        assertThat(waiting).isNotDone();

        // Clearing drops the held connections: the client still waiting fails at once, as on a network fault.
        faults.clear();
        assertThatThrownBy(waiting::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SdkClientException.class);
        assertThat(impatient.describeInstances(r -> r.instanceIds(HOST)).reservations()).hasSize(1);
        assertThat(unanswered()).isEqualTo(2);
    }

    private long unanswered() {
        return aws.callLog().stream().filter(line -> line.equals("ec2 DescribeInstances -> no answer [fault: f1 no answer]")).count();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang, not a measurement
    void theServerStopsWhileACallIsHeld() {
        Ec2Client patient = client(Ec2Client.builder(), Duration.ofMinutes(5));
        faults.call("ec2:DescribeInstances").neverAnswer();
        CompletableFuture<?> waiting = CompletableFuture.runAsync(() -> patient.describeInstances(r -> r.instanceIds(HOST)));
        while (aws.callLog().stream().noneMatch(line -> line.contains("no answer"))) {
            Thread.onSpinWait();
        }

        aws.close();

        assertThatThrownBy(waiting::get).hasCauseInstanceOf(SdkException.class);
    }

    @Test
    void anInstanceStuckInStoppingKeepsTheWaiterWaitingUntilReleased() {
        Ec2Client ec2 = client(Ec2Client.builder());
        String stuck = faults.instanceStuck(HOST, "stopping");
        ec2.stopInstances(r -> r.instanceIds(HOST));

        assertThatThrownBy(() -> ec2.waiter().waitUntilInstanceStopped(r -> r.instanceIds(HOST),
                w -> w.maxAttempts(5).backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ZERO))))
                .isInstanceOf(SdkClientException.class);
        assertThatThrownBy(() -> ec2.startInstances(r -> r.instanceIds(HOST)))
                .isInstanceOfSatisfying(Ec2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("IncorrectInstanceState"));
        assertThat(aws.callLog()).filteredOn(line -> line.startsWith("ec2 DescribeInstances " + HOST + " stopping"))
                .hasSize(5)
                .allMatch(line -> line.endsWith("[fault: " + HOST + " held in stopping]"));

        faults.remove(stuck);

        assertThat(ec2.describeInstances(r -> r.instanceIds(HOST)).reservations().get(0).instances().get(0).state().name())
                .isEqualTo(InstanceStateName.STOPPED);
    }

    @Test
    void anInstanceStuckInPendingStaysPendingAfterAStartUntilTheFaultsAreCleared() {
        Ec2Client ec2 = client(Ec2Client.builder());
        ec2.stopInstances(r -> r.instanceIds(HOST));
        ec2.describeInstances(r -> r.instanceIds(HOST));
        faults.instanceStuck(HOST, "pending");

        ec2.startInstances(r -> r.instanceIds(HOST));

        for (int i = 0; i < 3; i++) {
            assertThat(ec2.describeInstances(r -> r.instanceIds(HOST)).reservations().get(0).instances().get(0).state().name())
                    .isEqualTo(InstanceStateName.PENDING);
        }
        faults.clear();
        assertThat(ec2.describeInstances(r -> r.instanceIds(HOST)).reservations().get(0).instances().get(0).state().name())
                .isEqualTo(InstanceStateName.RUNNING);
    }

    @Test
    void faultsOnTheHealthEndpointTooAndNoneAfterAClear() {
        faults.call("health:GET /health").failWith(503, "Unavailable", "draining");

        assertThat(aws.get("/health").statusCode()).isEqualTo(503);
        faults.clear();
        assertThat(aws.get("/health").statusCode()).isEqualTo(200);
        assertThat(faults.list()).isEmpty();
    }

    static Stream<Arguments> malformedFaults() {
        return Stream.of(
                arguments("{\"call\":\"sqs:SendMessage\",\"noAnswer\":true}", "\"call\" must be <service>:<Operation> with a service of "
                        + "[autoscaling, budgets, cloudfront, ec2, ecs, efs, health, lambda, logs, s3, scheduler, sns, ssm, states, sts],"
                        + " got 'sqs:SendMessage'"),
                arguments("{\"call\":\"lambda:PutFunctionConcurency\",\"noAnswer\":true}",
                        "the fake account's lambda has no operation 'PutFunctionConcurency'"),
                arguments("{\"call\":\"ssm:GetParameter\",\"eror\":{}}", "unknown field(s) [eror]"),
                arguments("{\"call\":\"ssm:GetParameter\",\"error\":{\"status\":500,\"code\":\"X\",\"retry\":1}}",
                        "unknown field(s) [error.retry]"),
                arguments("{\"call\":\"ssm:GetParameter\",\"error\":{\"status\":200,\"code\":\"X\"}}",
                        "\"status\" must be a whole number from 400 to 599, got 200"),
                arguments("{\"call\":\"ssm:GetParameter\"}", "a call fault needs \"error\", \"delayMillis\" or \"noAnswer\""),
                arguments("{\"call\":\"ssm:GetParameter\",\"noAnswer\":true,\"delayMillis\":5}",
                        "a call that never answers has no error and no delay"),
                arguments("{\"call\":\"ssm:GetParameter\",\"noAnswer\":\"yes\"}", "\"noAnswer\" must be true or false"),
                arguments("{\"call\":\"ssm:GetParameter\",\"times\":0,\"noAnswer\":true}", "\"times\" must be a whole number from 1"),
                arguments("{\"instance\":\"" + HOST + "\",\"stuckIn\":\"running\"}", "\"stuckIn\" must be \"stopping\" or \"pending\""),
                arguments("{\"instance\":\"i-0000000000000000f\",\"stuckIn\":\"stopping\"}",
                        "The instance ID 'i-0000000000000000f' does not exist"),
                arguments("[]", "a fault is a JSON object"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformedFaults")
    void aMalformedFaultIsRefusedByName(String spec, String message) {
        var response = aws.send("POST", "/_faults", spec, "Content-Type", "application/json");

        assertThat(response.statusCode()).isIn(400, 404);
        assertThat(FakeAccount.json(response).path("message").asText()).contains(message);
        assertThat(faults.list()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {1} in {0}")
    @CsvSource(delimiter = '|', value = {
            "/2017-10-31/functions/relay-default/concurrency|relay-default|true",
            "/2017-10-31/functions/relay-default-2/concurrency|relay-default|false",
            "{\"Name\":\"/cost-guard/prod/snapshot\"}|/cost-guard/prod/snapshot|true",
            "{\"Name\":\"/cost-guard/prod/snapshot-old\"}|/cost-guard/prod/snapshot|false",
            "{\"cluster\":\"demo-cluster\",\"service\":\"web\"}|web|true",
            "{\"cluster\":\"web-cluster\",\"service\":\"api\"}|web|false",
            "arn:aws:lambda:eu-west-1:123456789012:function:relay|relay|true" })
    void aResourceIsMatchedAsAWholeName(String text, String resource, boolean named) {
        assertThat(ScriptedFaults.namesIn(text, resource)).isEqualTo(named);
    }
}
