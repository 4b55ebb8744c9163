package dev.costguard.aws.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.costguard.aws.LocalAwsResource;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.settings.InvalidSettingsException;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * An endpoint the extension could not even convert (a space in the host): Quarkus still starts, the gate names the
 * variable, and no SSM call is made.
 */
@QuarkusTest
@WithTestResource(value = LocalAwsResource.class, initArgs = @ResourceArg(name = "bad-endpoint", value = "http://local host:4566"))
class BadEndpointSsmClientTest {

    @Inject
    SsmClient ssm;
    @Inject
    SettingsGate gate;
    @ConfigProperty(name = "costguard.test.wiremock-url")
    String wireMockUrl;

    @Test
    void startsAndEveryCallFailsWithTheGatesMessageBeforeReachingAws() {
        WireMock endpoint = LocalAwsResource.wireMock(wireMockUrl);

        assertThat(gate.check().variables()).containsExactly("COSTGUARD_AWS_ENDPOINT_URL");
        assertThat(ConfigProvider.getConfig().getOptionalValue("quarkus.ssm.endpoint-override", String.class)).isEmpty();
        assertThatThrownBy(() -> new SsmParameters(ssm).get("/cost-guard/dev/snapshot"))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("Invalid Cost Guard settings: COSTGUARD_AWS_ENDPOINT_URL 'http://local host:4566' is not a URL "
                        + "(Illegal character in authority)");
        assertThat(endpoint.find(WireMock.anyRequestedFor(WireMock.anyUrl()))).isEmpty();
    }
}
