package dev.costguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServedClientSettingsTest {

    private final Map<String, String> properties = new HashMap<>(Map.of(
            "costguard.aws.endpoint-url", "http://localhost:4566",
            "costguard.aws.region", "ap-northeast-1",
            "costguard.aws.call-timeout-seconds", "45"));

    private SmallRyeConfig config() {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withInterceptors(new ServedClientSettings())
                .build();
    }

    private String value(String name) {
        return config().getConfigValue(name).getValue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "ssm", "sns" })
    void theCostGuardVariablesAnswerTheExtensionsClientProperties(String service) {
        assertThat(value("quarkus." + service + ".endpoint-override")).isEqualTo("http://localhost:4566");
        assertThat(value("quarkus." + service + ".aws.region")).isEqualTo("ap-northeast-1");
        assertThat(value("quarkus." + service + ".api-call-timeout")).isEqualTo("PT45S");
        assertThat(value("quarkus." + service + ".aws.credentials.type")).isEqualTo("custom");
        assertThat(value("quarkus." + service + ".aws.credentials.custom-provider.name")).isEqualTo(LambdaCredentials.NAME);
    }

    @Test
    void thePlainClientsDefaultTimeoutIsTheExtensionsToo() {
        properties.remove("costguard.aws.call-timeout-seconds");

        assertThat(value("quarkus.ssm.api-call-timeout")).isEqualTo("PT20S");
    }

    @Test
    void aPropertySetExplicitlyStillWins() {
        properties.put("quarkus.ssm.endpoint-override", "http://localhost:9999");

        assertThat(value("quarkus.ssm.endpoint-override")).isEqualTo("http://localhost:9999");
        assertThat(value("quarkus.sns.endpoint-override")).isEqualTo("http://localhost:4566");
    }

    /** A bad value anywhere maps none of them, so nothing the extension converts at start-up can fail there. */
    @ParameterizedTest
    @ValueSource(strings = { "costguard.aws.endpoint-url=http://local host:4566", "costguard.aws.region=Tokyo",
            "costguard.aws.max-attempts=0", "costguard.aws.call-timeout-seconds=x" })
    void oneBadVariableLeavesTheClientPropertiesUnsetForTheGateToReport(String bad) {
        String[] setting = bad.split("=", 2);
        properties.put(setting[0], setting[1]);

        assertThat(config().getOptionalValue("quarkus.ssm.endpoint-override", String.class)).isEmpty();
        assertThat(config().getOptionalValue("quarkus.ssm.aws.region", String.class)).isEmpty();
        assertThat(config().getOptionalValue("quarkus.ssm.api-call-timeout", String.class)).isEmpty();
        assertThat(value("quarkus.ssm.aws.credentials.type")).isEqualTo("custom");
    }

    @Test
    void servicesWithoutAServedExtensionAndOtherPropertiesAreLeftAlone() {
        assertThat(config().getOptionalValue("quarkus.ec2.endpoint-override", String.class)).isEmpty();
        assertThat(config().getOptionalValue("quarkus.ssm.sync-client.type", String.class)).isEmpty();
        assertThat(config().getOptionalValue("quarkus.ssm.aws", String.class)).isEmpty();
    }

    @Test
    void withoutCostGuardRegionTheRegionIsLambdasAwsRegionAsForThePlainClients() {
        properties.remove("costguard.aws.region");
        String before = System.getProperty("aws.region");
        System.setProperty("aws.region", "eu-central-1");
        try {
            assertThat(value("quarkus.sns.aws.region")).isEqualTo("eu-central-1");
        } finally {
            if (before == null) {
                System.clearProperty("aws.region");
            } else {
                System.setProperty("aws.region", before);
            }
        }
    }
}
