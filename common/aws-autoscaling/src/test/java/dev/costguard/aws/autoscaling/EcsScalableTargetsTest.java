package dev.costguard.aws.autoscaling;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.costguard.aws.JsonWire;
import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.run.FailurePolicy;
import dev.costguard.core.ports.ScalableTargets.Capacity;
import dev.costguard.core.report.StepOutcome;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.run.StepRunner;
import dev.costguard.core.report.StepStatus;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;

class EcsScalableTargetsTest {

    private static final int MAX_ATTEMPTS = 3;
    private static final String CLUSTER = "bookmark-staging-cluster";
    private static final String SERVICE = "bookmark-staging-api";
    private static final String RESOURCE_ID = "service/" + CLUSTER + "/" + SERVICE;

    private static final JsonWire autoScaling = new JsonWire("AnyScaleFrontendService.", "Message");

    @RegisterExtension
    static final LocalAws aws = new LocalAws(MAX_ATTEMPTS);
    private static final ApplicationAutoScalingClient client = aws.client(ApplicationAutoScalingClient.builder());
    private static final EcsScalableTargets targets = new EcsScalableTargets(client);

    @Test
    void findsTheServicesTargetByResourceIdAndDimension() {
        server().stubFor(autoScaling.operation("DescribeScalableTargets").willReturn(autoScaling.json("{\"ScalableTargets\":[{"
                + "\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"" + RESOURCE_ID + "\","
                + "\"ScalableDimension\":\"ecs:service:DesiredCount\",\"MinCapacity\":1,\"MaxCapacity\":4,"
                + "\"RoleARN\":\"arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService\","
                + "\"CreationTime\":1.7E9,\"SuspendedState\":{\"DynamicScalingInSuspended\":false,"
                + "\"DynamicScalingOutSuspended\":false,\"ScheduledScalingSuspended\":false}}]}")));

        assertThat(targets.find(CLUSTER, SERVICE)).hasValue(new Capacity(1, 4));

        server().verify(1, autoScaling.called("DescribeScalableTargets").withRequestBody(equalToJson("{\"ServiceNamespace\":\"ecs\","
                + "\"ResourceIds\":[\"" + RESOURCE_ID + "\"],\"ScalableDimension\":\"ecs:service:DesiredCount\"}")));
    }

    @Test
    void aServiceWithoutATargetHasNone() {
        server().stubFor(autoScaling.operation("DescribeScalableTargets").willReturn(autoScaling.json("{\"ScalableTargets\":[]}")));

        assertThat(targets.find(CLUSTER, SERVICE)).isEmpty();
    }

    @Test
    void setsMinAndMaxByRegisteringTheSameTargetAgain() {
        server().stubFor(autoScaling.operation("RegisterScalableTarget").willReturn(autoScaling.json(
                "{\"ScalableTargetARN\":\"arn:aws:application-autoscaling:eu-west-1:123456789012:scalable-target/0123abcd\"}")));

        targets.setCapacity(CLUSTER, SERVICE, Capacity.ASLEEP);

        server().verify(1, autoScaling.called("RegisterScalableTarget").withRequestBody(equalToJson("{\"ServiceNamespace\":\"ecs\","
                + "\"ResourceId\":\"" + RESOURCE_ID + "\",\"ScalableDimension\":\"ecs:service:DesiredCount\","
                + "\"MinCapacity\":0,\"MaxCapacity\":0}")));
    }

    @Test
    void signsRequestsForApplicationAutoScaling() {
        server().stubFor(autoScaling.operation("DescribeScalableTargets").willReturn(autoScaling.json("{\"ScalableTargets\":[]}")));

        targets.find(CLUSTER, SERVICE);

        server().verify(autoScaling.called("DescribeScalableTargets").withHeader("Authorization",
                matching("AWS4-HMAC-SHA256 Credential=test-access-key/\\d{8}/eu-west-1/application-autoscaling/aws4_request, .*")));
    }

    @Test
    void retriesThrottlingUntilAttemptsRunOutThenNamesTheErrorCode() {
        server().stubFor(autoScaling.operation("RegisterScalableTarget").willReturn(autoScaling.error(400, "ThrottlingException", "Rate exceeded")));

        assertThatThrownBy(() -> targets.setCapacity(CLUSTER, SERVICE, new Capacity(1, 4)))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.operation()).isEqualTo("RegisterScalableTarget");
                    assertThat(e.errorCode()).isEqualTo("ThrottlingException");
                    assertThat(e.getMessage()).contains(RESOURCE_ID, "Rate exceeded");
                });
        server().verify(MAX_ATTEMPTS, autoScaling.called("RegisterScalableTarget"));
    }

    @Test
    void aServerErrorIsAFailedStepNotAnEscapingException() {
        server().stubFor(autoScaling.operation("DescribeScalableTargets").willReturn(autoScaling.error(500, "InternalServiceException",
                "internal failure")));
        StepRunner runner = new StepRunner(FailurePolicy.CONTINUE, Clock.systemUTC());

        StepResult result = runner.run("find target", () -> StepOutcome.succeeded(
                targets.find(CLUSTER, SERVICE).map(Capacity::toString).orElse("none")));

        assertThat(result.status()).isEqualTo(StepStatus.FAILED);
        assertThat(result.detail()).isEqualTo("DescribeScalableTargets " + RESOURCE_ID
                + " failed: InternalServiceException (HTTP 500): internal failure");
        server().verify(MAX_ATTEMPTS, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRejectedRegistrationIsNamed() {
        server().stubFor(autoScaling.operation("RegisterScalableTarget").willReturn(autoScaling.error(400, "ValidationException",
                "Maximum capacity cannot be less than minimum capacity")));

        assertThatThrownBy(() -> targets.setCapacity(CLUSTER, SERVICE, new Capacity(1, 4)))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ValidationException");
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
        server().verify(1, autoScaling.called("RegisterScalableTarget"));
    }

    private static WireMockServer server() {
        return aws.server();
    }
}
