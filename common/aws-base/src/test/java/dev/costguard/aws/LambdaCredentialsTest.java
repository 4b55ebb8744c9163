package dev.costguard.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Where the clients get their region and credentials. The container endpoint is played by WireMock through the
 * SDK's system-property twins of the variables Lambda sets for SnapStart functions (AWS_CONTAINER_CREDENTIALS_FULL_URI,
 * AWS_CONTAINER_AUTHORIZATION_TOKEN).
 */
class LambdaCredentialsTest {

    private static final String[] PROPERTIES = { "aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken",
            "aws.containerCredentialsFullUri", "aws.containerAuthorizationToken", "aws.region" };

    private final Map<String, String> saved = new HashMap<>();
    private WireMockServer endpoint;

    @BeforeEach
    void start() {
        for (String name : PROPERTIES) {
            saved.put(name, System.getProperty(name));
            System.clearProperty(name);
        }
        endpoint = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        endpoint.start();
        endpoint.stubFor(get("/2008-02-01/credentials").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"AccessKeyId\":\"ASIACONTAINERKEY\",\"SecretAccessKey\":\"container-secret\","
                        + "\"Token\":\"container-token\",\"Expiration\":\"2099-01-01T00:00:00Z\"}")));
    }

    @AfterEach
    void stop() {
        endpoint.stop();
        saved.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    @Test
    void snapStartFunctionsGetTheirCredentialsFromTheContainerEndpoint() {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "keys in this shell's environment come first");
        System.setProperty("aws.containerCredentialsFullUri", endpoint.baseUrl() + "/2008-02-01/credentials");
        System.setProperty("aws.containerAuthorizationToken", "snapstart-token");

        AwsCredentials credentials = AwsClients.lambdaCredentials().resolveCredentials();

        assertThat(credentials.accessKeyId()).isEqualTo("ASIACONTAINERKEY");
        assertThat(credentials).isInstanceOfSatisfying(AwsSessionCredentials.class,
                session -> assertThat(session.sessionToken()).isEqualTo("container-token"));
        // The SDK may ask more than once (it retries a slow answer); every request carries Lambda's token.
        assertThat(endpoint.findAll(getRequestedFor(urlEqualTo("/2008-02-01/credentials"))))
                .isNotEmpty()
                .allSatisfy(request -> assertThat(request.getHeader("Authorization")).isEqualTo("snapstart-token"));
    }

    @Test
    void isNotPinnedToTheSourceThatAnsweredFirst() {
        assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "keys in this shell's environment come first");
        System.setProperty("aws.containerCredentialsFullUri", endpoint.baseUrl() + "/2008-02-01/credentials");
        System.setProperty("aws.accessKeyId", "AKIAPROPERTYKEY");
        System.setProperty("aws.secretAccessKey", "property-secret");
        AwsCredentialsProvider provider = AwsClients.lambdaCredentials();

        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIAPROPERTYKEY");
        endpoint.verify(0, getRequestedFor(urlEqualTo("/2008-02-01/credentials")));

        // What a restored snapshot sees: the keys present at snapshot time are gone, the endpoint answers.
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("ASIACONTAINERKEY");
    }

    @Test
    void regionComesFromTheProjectSettingFirstThenFromWhereLambdaPutsIt() {
        assumeTrue(System.getenv("AWS_REGION") == null, "AWS_REGION in this shell's environment would answer");
        System.setProperty("aws.region", "ap-northeast-1");

        assertThat(AwsClients.region(settings(Optional.of("eu-central-1")))).contains("eu-central-1");
        assertThat(AwsClients.region(settings(Optional.empty()))).contains("ap-northeast-1");
        System.clearProperty("aws.region");
        assertThat(AwsClients.region(settings(Optional.empty()))).isEmpty();
    }

    private static AwsClientSettings settings(Optional<String> region) {
        return new AwsClientSettings(Optional.of(URI.create("http://127.0.0.1:1")), region, 1, Duration.ofSeconds(1),
                Optional.empty());
    }
}
