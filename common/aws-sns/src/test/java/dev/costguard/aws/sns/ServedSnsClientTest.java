package dev.costguard.aws.sns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.costguard.aws.AwsClientConfig;
import dev.costguard.aws.AwsClientSettings;
import dev.costguard.aws.AwsClients;
import dev.costguard.aws.LambdaCredentials;
import dev.costguard.aws.LocalAwsResource;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Deadline;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsServiceClientConfiguration;

/** The SNS client as a function gets it: quarkus-amazon-sns's, configured only through COSTGUARD_AWS_* settings. */
@QuarkusTest
@WithTestResource(LocalAwsResource.class)
class ServedSnsClientTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:cost-guard-results";

    @Inject
    SnsClient sns;
    @Inject
    AwsClientConfig config;
    @Inject
    CurrentDeadline deadline;
    @Inject
    @Named(LambdaCredentials.NAME)
    AwsCredentialsProvider lambdaCredentials;
    @ConfigProperty(name = "costguard.test.wiremock-url")
    String wireMockUrl;

    private WireMock endpoint;

    @BeforeEach
    void fresh() {
        endpoint = LocalAwsResource.wireMock(wireMockUrl);
        endpoint.resetMappings();
        endpoint.resetRequests();
        deadline.clear();
    }

    @Test
    void theCostGuardVariablesConfigureItAsTheyConfigureAPlainClient() {
        SnsServiceClientConfiguration served = sns.serviceClientConfiguration();
        try (SnsClient plain = new AwsClients(AwsClientSettings.from(config)).build(SnsClient.builder())) {
            SnsServiceClientConfiguration expected = plain.serviceClientConfiguration();
            ClientOverrideConfiguration servedOverride = served.overrideConfiguration();
            ClientOverrideConfiguration expectedOverride = expected.overrideConfiguration();

            assertThat(served.endpointOverride()).hasValue(URI.create(wireMockUrl)).isEqualTo(expected.endpointOverride());
            assertThat(served.region()).isEqualTo(Region.of(LocalAwsResource.REGION)).isEqualTo(expected.region());
            assertThat(servedOverride.apiCallTimeout()).hasValue(Duration.ofSeconds(LocalAwsResource.CALL_TIMEOUT_SECONDS))
                    .isEqualTo(expectedOverride.apiCallTimeout());
            assertThat(servedOverride.retryStrategy()).get().extracting(strategy -> strategy.maxAttempts())
                    .isEqualTo(LocalAwsResource.MAX_ATTEMPTS)
                    .isEqualTo(expectedOverride.retryStrategy().get().maxAttempts());
            assertThat(servedOverride.executionInterceptors()).extracting(interceptor -> interceptor.getClass().getSimpleName())
                    .containsOnlyOnce("DeadlineInterceptor");
            assertThat(served.credentialsProvider()).isSameAs(lambdaCredentials);
            assertThat(lambdaCredentials).hasToString(expected.credentialsProvider().toString());
        }
    }

    @Test
    void aPublishGoesToTheEndpointSignedForTheRegionAndRetriesServerErrorsUpToTheConfiguredAttempts() {
        endpoint.register(post(urlEqualTo("/")).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/xml")
                .withBody("<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Receiver</Type>"
                        + "<Code>InternalError</Code><Message>try again</Message></Error><RequestId>r-1</RequestId></ErrorResponse>")));

        assertThatThrownBy(() -> new SnsNotifier(sns).publish(TOPIC, "subject", "message"))
                .isInstanceOf(CloudOperationException.class).hasMessageContaining("Publish " + TOPIC + " failed: InternalError");

        endpoint.verifyThat(LocalAwsResource.MAX_ATTEMPTS, postRequestedFor(urlEqualTo("/"))
                .withFormParam("Action", equalTo("Publish"))
                .withFormParam("TopicArn", equalTo(TOPIC))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=" + LocalAwsResource.ACCESS_KEY
                        + "/\\d{8}/" + LocalAwsResource.REGION + "/sns/aws4_request, .*")));
    }

    @Test
    void aSilentEndpointIsGivenUpOnWhenTheRunsTimeIsUpNotAfterTheConfiguredTimeout() {
        // A first call loads the client's classes, so that the run's short deadline below is spent on the wire only.
        endpoint.register(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>")));
        new SnsNotifier(sns).publish(TOPIC, "subject", "message");
        endpoint.resetRequests();
        // The configured call timeout is 7 s; the run has about 2 s left for calls; the endpoint answers after 30 s.
        deadline.set(Deadline.fromRemaining(Clock.systemUTC(), Duration.ofMillis(2500), Duration.ofMillis(500)));
        endpoint.register(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withFixedDelay(30_000)));

        assertThatThrownBy(() -> new SnsNotifier(sns).publish(TOPIC, "subject", "message")).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("did not complete before the specified timeout")
                .satisfies(timeout -> assertThat(timeoutMillis(timeout.getMessage()))
                        .isPositive().isLessThan(LocalAwsResource.CALL_TIMEOUT_SECONDS * 1000L));
        endpoint.verifyThat(1, postRequestedFor(urlEqualTo("/")));
    }

    /** The timeout the SDK applied, as its ApiCallTimeoutException states it ("...: 1984 millis"). */
    private static long timeoutMillis(String message) {
        java.util.regex.Matcher millis = java.util.regex.Pattern.compile("(\\d+) millis").matcher(message);
        assertThat(millis.find()).as("a timeout in millis in: %s", message).isTrue();
        return Long.parseLong(millis.group(1));
    }
}
