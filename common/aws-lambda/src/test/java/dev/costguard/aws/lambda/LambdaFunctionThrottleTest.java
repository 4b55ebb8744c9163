package dev.costguard.aws.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
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
import software.amazon.awssdk.services.lambda.LambdaClient;

class LambdaFunctionThrottleTest {

    private static final int MAX_ATTEMPTS = 3;
    private static final String FUNCTION = "orders-api";
    private static final String GET_PATH = "/2019-09-30/functions/orders-api/concurrency";
    private static final String PUT_DELETE_PATH = "/2017-10-31/functions/orders-api/concurrency";

    @RegisterExtension
    static final LocalAws aws = new LocalAws(MAX_ATTEMPTS);
    private static final LambdaClient client = aws.client(LambdaClient.builder());
    private static final LambdaFunctionThrottle throttle = new LambdaFunctionThrottle(client);

    @Test
    void readsReservedConcurrencyFromGetFunctionConcurrency() {
        server().stubFor(get(urlEqualTo(GET_PATH)).willReturn(okJson("{\"ReservedConcurrentExecutions\":25}")));

        assertThat(throttle.reservedConcurrency(FUNCTION)).hasValue(25);
    }

    @Test
    void reportsNoReservedConcurrencyWhenTheResponseHasNone() {
        server().stubFor(get(urlEqualTo(GET_PATH)).willReturn(okJson("{}")));

        assertThat(throttle.reservedConcurrency(FUNCTION)).isEmpty();
    }

    @Test
    void putsZeroReservedConcurrencyAsJsonBody() {
        server().stubFor(put(urlEqualTo(PUT_DELETE_PATH)).willReturn(okJson("{\"ReservedConcurrentExecutions\":0}")));

        throttle.reserveConcurrency(FUNCTION, 0);

        server().verify(1, putRequestedFor(urlEqualTo(PUT_DELETE_PATH))
                .withRequestBody(equalToJson("{\"ReservedConcurrentExecutions\":0}")));
    }

    @Test
    void removesReservedConcurrencyWithDeleteFunctionConcurrency() {
        server().stubFor(delete(urlEqualTo(PUT_DELETE_PATH)).willReturn(aResponse().withStatus(204)));

        throttle.removeReservedConcurrency(FUNCTION);

        server().verify(1, deleteRequestedFor(urlEqualTo(PUT_DELETE_PATH)));
    }

    @Test
    void signsRequestsWithSigV4ForLambdaInTheConfiguredRegion() {
        server().stubFor(get(urlEqualTo(GET_PATH)).willReturn(okJson("{}")));

        throttle.reservedConcurrency(FUNCTION);

        server().verify(getRequestedFor(urlEqualTo(GET_PATH)).withHeader("Authorization",
                matching("AWS4-HMAC-SHA256 Credential=test-access-key/\\d{8}/eu-west-1/lambda/aws4_request, .*")));
    }

    @Test
    void retriesThrottlingUntilAttemptsRunOutThenNamesTheErrorCode() {
        server().stubFor(put(urlEqualTo(PUT_DELETE_PATH)).willReturn(tooManyRequests()));

        assertThatThrownBy(() -> throttle.reserveConcurrency(FUNCTION, 0))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.operation()).isEqualTo("PutFunctionConcurrency");
                    assertThat(e.errorCode()).isEqualTo("TooManyRequestsException");
                    assertThat(e.httpStatus()).isEqualTo(429);
                    assertThat(e.getMessage()).contains("PutFunctionConcurrency", FUNCTION, "Rate exceeded");
                });
        server().verify(MAX_ATTEMPTS, putRequestedFor(urlEqualTo(PUT_DELETE_PATH)));
    }

    @Test
    void succeedsWhenThrottlingClearsOnTheRetry() {
        server().stubFor(put(urlEqualTo(PUT_DELETE_PATH)).inScenario("throttled once").whenScenarioStateIs(STARTED)
                .willReturn(tooManyRequests()).willSetStateTo("recovered"));
        server().stubFor(put(urlEqualTo(PUT_DELETE_PATH)).inScenario("throttled once").whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"ReservedConcurrentExecutions\":0}")));

        throttle.reserveConcurrency(FUNCTION, 0);

        server().verify(2, putRequestedFor(urlEqualTo(PUT_DELETE_PATH)));
    }

    @Test
    void turnsAServerErrorIntoCloudOperationException() {
        server().stubFor(get(urlEqualTo(GET_PATH)).willReturn(aResponse().withStatus(500)
                .withHeader("x-amzn-ErrorType", "ServiceException")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Type\":\"Service\",\"message\":\"internal failure\"}")));

        assertThatThrownBy(() -> throttle.reservedConcurrency(FUNCTION))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.operation()).isEqualTo("GetFunctionConcurrency");
                    assertThat(e.errorCode()).isEqualTo("ServiceException");
                    assertThat(e.httpStatus()).isEqualTo(500);
                });
    }

    @Test
    void aFailedCallIsAFailedStepNotAnEscapingException() {
        server().stubFor(delete(urlEqualTo(PUT_DELETE_PATH)).willReturn(tooManyRequests()));
        StepRunner runner = new StepRunner(FailurePolicy.CONTINUE, Clock.systemUTC());

        StepResult result = runner.run("unthrottle " + FUNCTION, () -> {
            throttle.removeReservedConcurrency(FUNCTION);
            return StepOutcome.succeeded("unthrottled");
        });

        assertThat(result.status()).isEqualTo(StepStatus.FAILED);
        assertThat(result.detail()).contains("DeleteFunctionConcurrency", FUNCTION, "TooManyRequestsException");
        server().verify(MAX_ATTEMPTS, anyRequestedFor(anyUrl()));
    }

    private static ResponseDefinitionBuilder tooManyRequests() {
        return aResponse().withStatus(429)
                .withHeader("x-amzn-ErrorType", "TooManyRequestsException")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Reason\":\"CallerRateLimitExceeded\",\"Type\":\"User\",\"message\":\"Rate exceeded\"}");
    }

    private static WireMockServer server() {
        return aws.server();
    }
}
