package dev.costguard.aws.ecs;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.costguard.aws.JsonWire;
import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.run.FailurePolicy;
import dev.costguard.core.report.StepOutcome;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.run.StepRunner;
import dev.costguard.core.report.StepStatus;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;

class EcsContainerServicesTest {

    private static final int MAX_ATTEMPTS = 3;
    private static final String CLUSTER = "bookmark-staging-cluster";
    private static final String SERVICE = "bookmark-staging-web";
    private static final String SERVICE_ARN = "arn:aws:ecs:eu-west-1:123456789012:service/" + CLUSTER + "/" + SERVICE;

    private static final JsonWire ecs = new JsonWire("AmazonEC2ContainerServiceV20141113.", "message");

    @RegisterExtension
    static final LocalAws aws = new LocalAws(MAX_ATTEMPTS);
    private static final EcsClient client = aws.client(EcsClient.builder());
    private static final EcsContainerServices services = new EcsContainerServices(client);

    @Test
    void readsTheDesiredCountWithDescribeServices() {
        server().stubFor(ecs.operation("DescribeServices").willReturn(ecs.json(described("ACTIVE", 2))));

        assertThat(services.desiredCount(CLUSTER, SERVICE)).isEqualTo(2);

        server().verify(1, ecs.called("DescribeServices").withRequestBody(equalToJson(
                "{\"cluster\":\"" + CLUSTER + "\",\"services\":[\"" + SERVICE + "\"]}")));
    }

    @Test
    void aServiceListedUnderFailuresIsAnErrorNotACountOfZero() {
        server().stubFor(ecs.operation("DescribeServices").willReturn(ecs.json(
                "{\"services\":[],\"failures\":[{\"arn\":\"" + SERVICE_ARN + "\",\"reason\":\"MISSING\"}]}")));

        assertThatThrownBy(() -> services.desiredCount(CLUSTER, SERVICE))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.operation()).isEqualTo("DescribeServices");
                    assertThat(e.errorCode()).isEqualTo("MISSING");
                    assertThat(e.getMessage()).isEqualTo("DescribeServices " + CLUSTER + "/" + SERVICE + " failed: MISSING");
                });
    }

    @Test
    void aDeletedServiceIsAnError() {
        server().stubFor(ecs.operation("DescribeServices").willReturn(ecs.json(described("INACTIVE", 0))));

        assertThatThrownBy(() -> services.desiredCount(CLUSTER, SERVICE))
                .isInstanceOfSatisfying(CloudOperationException.class,
                        e -> assertThat(e.getMessage()).contains("INACTIVE (deleted)"));
    }

    @Test
    void setsTheDesiredCountWithUpdateService() {
        server().stubFor(ecs.operation("UpdateService").willReturn(ecs.json("{\"service\":" + service("ACTIVE", 0) + "}")));

        services.setDesiredCount(CLUSTER, SERVICE, 0);

        server().verify(1, ecs.called("UpdateService").withRequestBody(equalToJson(
                "{\"cluster\":\"" + CLUSTER + "\",\"service\":\"" + SERVICE + "\",\"desiredCount\":0}")));
    }

    @Test
    void forcesANewDeploymentWithUpdateServiceAndNoOtherChange() {
        server().stubFor(ecs.operation("UpdateService").willReturn(ecs.json("{\"service\":" + service("ACTIVE", 2) + "}")));

        services.forceNewDeployment(CLUSTER, SERVICE);

        // Only the flag: a desiredCount or taskDefinition here would also resize or change the service.
        server().verify(1, ecs.called("UpdateService").withRequestBody(equalToJson(
                "{\"cluster\":\"" + CLUSTER + "\",\"service\":\"" + SERVICE + "\",\"forceNewDeployment\":true}")));
    }

    @Test
    void aRefusedDeploymentNamesTheErrorCode() {
        server().stubFor(ecs.operation("UpdateService").willReturn(ecs.error(400, "ServiceNotActiveException",
                "Service was not ACTIVE.")));

        assertThatThrownBy(() -> services.forceNewDeployment(CLUSTER, SERVICE))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ServiceNotActiveException");
                    assertThat(e.getMessage()).isEqualTo("UpdateService " + CLUSTER + "/" + SERVICE
                            + " failed: ServiceNotActiveException (HTTP 400): Service was not ACTIVE.");
                });
        server().verify(1, ecs.called("UpdateService"));
    }

    @Test
    void signsRequestsWithSigV4ForEcsInTheConfiguredRegion() {
        server().stubFor(ecs.operation("DescribeServices").willReturn(ecs.json(described("ACTIVE", 1))));

        services.desiredCount(CLUSTER, SERVICE);

        server().verify(ecs.called("DescribeServices").withHeader("Authorization",
                matching("AWS4-HMAC-SHA256 Credential=test-access-key/\\d{8}/eu-west-1/ecs/aws4_request, .*")));
    }

    @Test
    void retriesThrottlingUntilAttemptsRunOutThenNamesTheErrorCode() {
        server().stubFor(ecs.operation("UpdateService").willReturn(ecs.error(400, "ThrottlingException", "Rate exceeded")));

        assertThatThrownBy(() -> services.setDesiredCount(CLUSTER, SERVICE, 0))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.operation()).isEqualTo("UpdateService");
                    assertThat(e.errorCode()).isEqualTo("ThrottlingException");
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(CLUSTER + "/" + SERVICE, "Rate exceeded");
                });
        server().verify(MAX_ATTEMPTS, ecs.called("UpdateService"));
    }

    @Test
    void succeedsWhenThrottlingClearsOnTheRetry() {
        server().stubFor(ecs.operation("DescribeServices").inScenario("throttled once").whenScenarioStateIs(STARTED)
                .willReturn(ecs.error(400, "ThrottlingException", "Rate exceeded")).willSetStateTo("recovered"));
        server().stubFor(ecs.operation("DescribeServices").inScenario("throttled once").whenScenarioStateIs("recovered")
                .willReturn(ecs.json(described("ACTIVE", 3))));

        assertThat(services.desiredCount(CLUSTER, SERVICE)).isEqualTo(3);
        server().verify(2, ecs.called("DescribeServices"));
    }

    @Test
    void aServerErrorIsAFailedStepNotAnEscapingException() {
        server().stubFor(ecs.operation("UpdateService").willReturn(ecs.error(500, "ServerException", "internal failure")));
        StepRunner runner = new StepRunner(FailurePolicy.CONTINUE, Clock.systemUTC());

        StepResult result = runner.run("stop " + SERVICE, () -> {
            services.setDesiredCount(CLUSTER, SERVICE, 0);
            return StepOutcome.succeeded("stopped");
        });

        assertThat(result.status()).isEqualTo(StepStatus.FAILED);
        assertThat(result.detail()).isEqualTo("UpdateService " + CLUSTER + "/" + SERVICE
                + " failed: ServerException (HTTP 500): internal failure");
        server().verify(MAX_ATTEMPTS, anyRequestedFor(anyUrl()));
    }

    @Test
    void anAccessDeniedIsNotRetried() {
        server().stubFor(ecs.operation("DescribeServices").willReturn(ecs.error(400, "AccessDeniedException",
                "User is not authorized to perform: ecs:DescribeServices")));

        assertThatThrownBy(() -> services.desiredCount(CLUSTER, SERVICE))
                .isInstanceOfSatisfying(CloudOperationException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("AccessDeniedException"));
        server().verify(1, ecs.called("DescribeServices"));
    }

    private static String described(String status, int desiredCount) {
        return "{\"services\":[" + service(status, desiredCount) + "],\"failures\":[]}";
    }

    private static String service(String status, int desiredCount) {
        return "{\"serviceArn\":\"" + SERVICE_ARN + "\",\"serviceName\":\"" + SERVICE + "\","
                + "\"clusterArn\":\"arn:aws:ecs:eu-west-1:123456789012:cluster/" + CLUSTER + "\","
                + "\"status\":\"" + status + "\",\"desiredCount\":" + desiredCount + ",\"runningCount\":"
                + desiredCount + ",\"pendingCount\":0,\"launchType\":\"FARGATE\"}";
    }

    private static WireMockServer server() {
        return aws.server();
    }
}
