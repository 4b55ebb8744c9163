package dev.costguard.aws.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.time.Deadline;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Every call's timeout is capped to the run's deadline (aws-base's interceptor), through the real SDK. */
class CallDeadlineTest {

    private static final String GET_PATH = "/2019-09-30/functions/orders-api/concurrency";

    @RegisterExtension
    static final LocalAws aws = new LocalAws(1);
    private static final LambdaFunctionThrottle throttle = new LambdaFunctionThrottle(aws.client(LambdaClient.builder()));

    @Test
    void aCallWithNoTimeLeftIsNotSent() {
        aws.deadline().set(Deadline.fromRemaining(Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofSeconds(5)));
        aws.server().stubFor(get(urlEqualTo(GET_PATH)).willReturn(okJson("{\"ReservedConcurrentExecutions\":25}")));

        assertThatThrownBy(() -> throttle.reservedConcurrency("orders-api"))
                .isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("GetFunctionConcurrency orders-api failed").hasMessageContaining(Deadline.NO_TIME);
        aws.server().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aSilentEndpointIsGivenUpOnWhenTheRunsTimeIsUpNotAfterTheConfiguredTimeout() {
        // The configured call timeout is 10 s; the run has about 1 s left; the endpoint answers after 30 s.
        aws.deadline().set(Deadline.fromRemaining(Clock.systemUTC(), Duration.ofMillis(2500), Duration.ofMillis(500)));
        aws.server().stubFor(get(urlEqualTo(GET_PATH))
                .willReturn(okJson("{\"ReservedConcurrentExecutions\":25}").withFixedDelay(30_000)));

        assertThatThrownBy(() -> throttle.reservedConcurrency("orders-api"))
                .isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("GetFunctionConcurrency orders-api failed")
                .hasMessageContaining("did not complete before the specified timeout");
        aws.server().verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void withoutARunDeadlineTheConfiguredTimeoutApplies() {
        aws.server().stubFor(get(urlEqualTo(GET_PATH)).willReturn(okJson("{\"ReservedConcurrentExecutions\":25}")));

        assertThat(throttle.reservedConcurrency("orders-api")).hasValue(25);
    }
}
