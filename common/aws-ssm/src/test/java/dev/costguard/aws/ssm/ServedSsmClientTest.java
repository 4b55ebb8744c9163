package dev.costguard.aws.ssm;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.costguard.aws.AwsClientConfig;
import dev.costguard.aws.AwsClientSettings;
import dev.costguard.aws.AwsClients;
import dev.costguard.aws.JsonWire;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmServiceClientConfiguration;

/** The SSM client as a function gets it: quarkus-amazon-ssm's, configured only through COSTGUARD_AWS_* settings. */
@QuarkusTest
@WithTestResource(LocalAwsResource.class)
class ServedSsmClientTest {

    private static final String NAME = "/cost-guard/dev/kill-switch/snapshot";
    private static final JsonWire wire = new JsonWire("AmazonSSM.", "message");

    @Inject
    SsmClient ssm;
    @Inject
    AwsClientConfig config;
    @Inject
    CurrentDeadline deadline;
    @Inject
    AwsClients clients;
    @Inject
    @Named(LambdaCredentials.NAME)
    AwsCredentialsProvider lambdaCredentials;
    @ConfigProperty(name = "costguard.test.wiremock-url")
    String wireMockUrl;

    private WireMock endpoint;
    private SsmParameters parameters;

    @BeforeEach
    void fresh() {
        endpoint = LocalAwsResource.wireMock(wireMockUrl);
        endpoint.resetMappings();
        endpoint.resetRequests();
        deadline.clear();
        parameters = new SsmParameters(ssm);
    }

    @Test
    void theCostGuardVariablesConfigureItAsTheyConfigureAPlainClient() {
        SsmServiceClientConfiguration served = ssm.serviceClientConfiguration();
        try (SsmClient plain = new AwsClients(AwsClientSettings.from(config)).build(SsmClient.builder())) {
            SsmServiceClientConfiguration expected = plain.serviceClientConfiguration();
            ClientOverrideConfiguration servedOverride = served.overrideConfiguration();
            ClientOverrideConfiguration expectedOverride = expected.overrideConfiguration();

            assertThat(served.endpointOverride()).hasValue(URI.create(wireMockUrl)).isEqualTo(expected.endpointOverride());
            assertThat(served.region()).isEqualTo(Region.of(LocalAwsResource.REGION)).isEqualTo(expected.region());
            assertThat(servedOverride.apiCallTimeout()).hasValue(Duration.ofSeconds(LocalAwsResource.CALL_TIMEOUT_SECONDS))
                    .isEqualTo(expectedOverride.apiCallTimeout());
            assertThat(servedOverride.retryStrategy()).get().extracting(strategy -> strategy.maxAttempts())
                    .isEqualTo(LocalAwsResource.MAX_ATTEMPTS)
                    .isEqualTo(expectedOverride.retryStrategy().get().maxAttempts());
            assertThat(servedOverride.retryStrategy().get().getClass()).isEqualTo(expectedOverride.retryStrategy().get().getClass());
            assertThat(servedOverride.executionInterceptors()).extracting(interceptor -> interceptor.getClass().getSimpleName())
                    .containsOnlyOnce("DeadlineInterceptor");
            assertThat(served.credentialsProvider()).isSameAs(lambdaCredentials);
            assertThat(lambdaCredentials).hasToString(expected.credentialsProvider().toString());
        }
    }

    @Test
    void thePlainClientsOfTheFunctionShareTheExtensionsCredentialsChain() {
        // One chain per function: a cold start or a SnapStart restore asks the container endpoint once.
        try (SsmClient plain = clients.build(SsmClient.builder())) {
            assertThat(plain.serviceClientConfiguration().credentialsProvider()).isSameAs(lambdaCredentials)
                    .isSameAs(ssm.serviceClientConfiguration().credentialsProvider());
        }
    }

    @Test
    void aCallGoesToTheEndpointSignedForTheRegionWithTheChainsCredentials() {
        endpoint.register(wire.operation("GetParameter").willReturn(wire.json(
                "{\"Parameter\":{\"Name\":\"" + NAME + "\",\"Type\":\"String\",\"Value\":\"{}\",\"Version\":1}}")));

        assertThat(parameters.get(NAME)).hasValue("{}");

        endpoint.verifyThat(1, wire.called("GetParameter")
                .withRequestBody(equalToJson("{\"Name\":\"" + NAME + "\"}"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=" + LocalAwsResource.ACCESS_KEY
                        + "/\\d{8}/" + LocalAwsResource.REGION + "/ssm/aws4_request, .*")));
    }

    @Test
    void throttlingIsRetriedUpToTheConfiguredAttempts() {
        endpoint.register(wire.operation("GetParameter").willReturn(wire.error("ThrottlingException", "Rate exceeded")));

        assertThatThrownBy(() -> parameters.get(NAME)).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("GetParameter " + NAME + " failed: ThrottlingException");
        endpoint.verifyThat(LocalAwsResource.MAX_ATTEMPTS, wire.called("GetParameter"));
    }

    @Test
    void aSilentEndpointIsGivenUpOnWhenTheRunsTimeIsUpNotAfterTheConfiguredTimeout() {
        // A first call loads the client's classes, so that the run's short deadline below is spent on the wire only.
        endpoint.register(wire.operation("GetParameter").willReturn(wire.error("ParameterNotFound", "")));
        parameters.get(NAME);
        endpoint.resetRequests();
        // The configured call timeout is 7 s; the run has about 2 s left for calls; the endpoint answers after 30 s.
        deadline.set(Deadline.fromRemaining(Clock.systemUTC(), Duration.ofMillis(2500), Duration.ofMillis(500)));
        endpoint.register(wire.operation("GetParameter").willReturn(wire.json("{}").withFixedDelay(30_000)));

        assertThatThrownBy(() -> parameters.get(NAME)).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("did not complete before the specified timeout")
                .satisfies(timeout -> assertThat(timeoutMillis(timeout.getMessage()))
                        .isPositive().isLessThan(LocalAwsResource.CALL_TIMEOUT_SECONDS * 1000L));
        endpoint.verifyThat(1, wire.called("GetParameter"));
    }

    @Test
    void aCallWithNoTimeLeftIsNotSent() {
        deadline.set(Deadline.fromRemaining(Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofSeconds(5)));
        endpoint.register(wire.operation("GetParameter").willReturn(wire.json("{}")));

        assertThatThrownBy(() -> parameters.get(NAME)).isInstanceOf(CloudOperationException.class)
                .hasMessageContaining(Deadline.NO_TIME);
        endpoint.verifyThat(0, wire.called("GetParameter"));
    }

    /** The extension's sync client is url-connection ({@code quarkus.ssm.sync-client.type=url}); no other HTTP client ships. */
    @ParameterizedTest
    @ValueSource(strings = { "software.amazon.awssdk.http.apache.ApacheHttpClient",
            "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient", "software.amazon.awssdk.http.crt.AwsCrtHttpClient" })
    void noOtherHttpClientIsOnTheClasspath(String httpClient) {
        assertThatThrownBy(() -> Class.forName(httpClient)).isInstanceOf(ClassNotFoundException.class);
    }

    /** The timeout the SDK applied, as its ApiCallTimeoutException states it ("...: 1984 millis"). */
    private static long timeoutMillis(String message) {
        java.util.regex.Matcher millis = java.util.regex.Pattern.compile("(\\d+) millis").matcher(message);
        assertThat(millis.find()).as("a timeout in millis in: %s", message).isTrue();
        return Long.parseLong(millis.group(1));
    }
}
