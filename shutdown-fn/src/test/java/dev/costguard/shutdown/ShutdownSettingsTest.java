package dev.costguard.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.aws.RawAwsClientConfig;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.ports.ServiceId;
import dev.costguard.core.settings.InvalidSettingsException;
import dev.costguard.core.settings.SettingsSection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShutdownSettingsTest {

    /** Raw settings as the environment would give them. */
    private final Map<String, String> env = new HashMap<>(Map.of(
            "function-names", "relay-connect, relay-disconnect,relay-default",
            "instance-id", "i-0123456789abcdef0",
            "distribution-id", "E2TESTDIST0001",
            "alert-topic-arn", ShutdownFixtures.ALERT,
            "result-topic-arn", ShutdownFixtures.RESULT,
            "snapshot-parameter", "/cost-guard/dev/kill-switch-snapshot",
            "parked-parameter", "/cost-guard/dev/parked"));

    private ShutdownConfig config() {
        return new ShutdownConfig() {
            public Optional<String> functionNames() { return Optional.ofNullable(env.get("function-names")); }
            public Optional<String> instanceId() { return Optional.ofNullable(env.get("instance-id")); }
            public Optional<String> distributionId() { return Optional.ofNullable(env.get("distribution-id")); }
            public Optional<String> alertTopicArn() { return Optional.ofNullable(env.get("alert-topic-arn")); }
            public Optional<String> tripwireTopicArns() { return Optional.ofNullable(env.get("tripwire-topic-arns")); }
            public Optional<String> resultTopicArn() { return Optional.ofNullable(env.get("result-topic-arn")); }
            public Optional<String> snapshotParameter() { return Optional.ofNullable(env.get("snapshot-parameter")); }
            public String drainSeconds() { return env.getOrDefault("drain-seconds", "30"); }
            public String serviceName() { return env.getOrDefault("service-name", "nostr-api"); }
            public String commandTimeoutSeconds() { return env.getOrDefault("command-timeout-seconds", "60"); }
            public String rateLimitPerSecond() { return env.getOrDefault("rate-limit-per-second", "10"); }
            public String poolSize() { return env.getOrDefault("pool-size", "4"); }
            public String dryRun() { return env.getOrDefault("dry-run", "false"); }
            public Optional<String> parkedParameter() { return Optional.ofNullable(env.get("parked-parameter")); }
            public Optional<String> ecsServices() { return Optional.ofNullable(env.get("ecs-services")); }
        };
    }

    @Test
    void readsACompleteConfiguration() {
        ShutdownSettings settings = ShutdownSettings.from(config());
        assertThat(settings.functionNames()).containsExactly("relay-connect", "relay-disconnect", "relay-default");
        assertThat(settings.drain()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.tripwireTopicArns()).isEmpty();
        assertThat(settings.serviceName()).isEqualTo("nostr-api");
        assertThat(settings.parkedParameter()).isEqualTo("/cost-guard/dev/parked");
        assertThat(settings.ecsServices()).isEmpty();
    }

    @Test
    void readsTheEcsServicesToPark() {
        env.put("ecs-services", "demo-cluster/web, demo-cluster/api");
        assertThat(ShutdownSettings.from(config()).ecsServices()).containsExactly(new ServiceId("demo-cluster", "web"),
                new ServiceId("demo-cluster", "api"));
    }

    @Test
    void anEcsServiceThatIsNotClusterSlashServiceIsNamed() {
        env.put("ecs-services", "demo-cluster/web,api");
        assertThatThrownBy(() -> ShutdownSettings.from(config()))
                .hasMessageContaining("COSTGUARD_ECS_SERVICES entry 'api' is not cluster/service");
    }

    @ParameterizedTest
    @ValueSource(strings = { "function-names", "instance-id", "distribution-id", "alert-topic-arn", "result-topic-arn",
            "snapshot-parameter", "parked-parameter" })
    void eachRequiredVariableMissingIsNamed(String property) {
        env.remove(property);
        String variable = "COSTGUARD_" + property.toUpperCase().replace('-', '_');
        assertThatThrownBy(() -> ShutdownSettings.from(config())).hasMessageContaining(variable + " is required");
    }

    @Test
    void aMalformedTopicArnIsNamed() {
        env.put("alert-topic-arn", "arn:aws:sqs:eu-west-1:123456789012:alerts");
        assertThatThrownBy(() -> ShutdownSettings.from(config()))
                .hasMessageContaining("COSTGUARD_ALERT_TOPIC_ARN 'arn:aws:sqs:eu-west-1:123456789012:alerts' is not an SNS topic ARN");
    }

    @Test
    void aServiceNameThatWouldInjectShellIsRefused() {
        env.put("service-name", "nostr-api; rm -rf /");
        assertThatThrownBy(() -> ShutdownSettings.from(config())).hasMessageContaining("COSTGUARD_SERVICE_NAME");
    }

    @Test
    void aRateAboveLambdasAccountLimitIsRefused() {
        env.put("rate-limit-per-second", "50");
        assertThatThrownBy(() -> ShutdownSettings.from(config()))
                .hasMessageContaining("COSTGUARD_RATE_LIMIT_PER_SECOND 50 is out of range [1, 15]");
    }

    @Test
    void malformedNumbersAndInstanceIdsAreNamedTogether() {
        env.put("drain-seconds", "half a minute");
        env.put("instance-id", "web-1");
        assertThatThrownBy(() -> ShutdownSettings.from(config()))
                .hasMessageContaining("COSTGUARD_DRAIN_SECONDS 'half a minute' is not a whole number")
                .hasMessageContaining("COSTGUARD_INSTANCE_ID 'web-1' is not an EC2 instance id");
    }

    /** The start-up check as the function wires it: its own section, then the AWS clients', in one gate. */
    @Test
    void theStartUpCheckNamesTheFunctionsAndTheAwsClientsBadVariablesInOneMessage() {
        env.remove("instance-id");
        env.put("drain-seconds", "121");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SettingsGate gate = new SettingsGate(List.of(new ShutdownWiring().settingsSection(config())),
                new RawAwsClientConfig("notaurl", null, "0", "x"), new PrintStream(log, true, StandardCharsets.UTF_8),
                Clock.systemUTC());

        assertThat(gate.check().variables()).containsExactly("COSTGUARD_INSTANCE_ID", "COSTGUARD_DRAIN_SECONDS",
                "COSTGUARD_AWS_ENDPOINT_URL", "COSTGUARD_AWS_MAX_ATTEMPTS", "COSTGUARD_AWS_CALL_TIMEOUT_SECONDS");
        assertThatThrownBy(gate::requireValid).isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("Invalid Cost Guard settings: ")
                .hasMessageEndingWith("COSTGUARD_AWS_ENDPOINT_URL 'notaurl' is not an absolute http(s) URL (e.g. http://localhost:4566); "
                        + "COSTGUARD_AWS_MAX_ATTEMPTS 0 is out of range [1, 10]; COSTGUARD_AWS_CALL_TIMEOUT_SECONDS 'x' is not a whole number");
        assertThat(log.toString(StandardCharsets.UTF_8).lines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("{").contains("\"event\":\"invalid_settings\"");
    }

    /** A run's settings are made only past the start-up check: a bad AWS client setting alone stops them too. */
    @Test
    void theRunsSettingsAreMadeOnlyPastTheStartUpCheck() {
        ShutdownWiring wiring = new ShutdownWiring();
        List<SettingsSection> sections = List.of(wiring.settingsSection(config()));
        SettingsGate bad = RawAwsClientConfig.defaults().withEndpointUrl("notaurl").quietGate(sections);
        SettingsGate good = RawAwsClientConfig.defaults().withEndpointUrl("http://localhost:4566").quietGate(sections);

        assertThatThrownBy(() -> wiring.settings(config(), bad)).isInstanceOf(InvalidSettingsException.class)
                .hasMessage("Invalid Cost Guard settings: COSTGUARD_AWS_ENDPOINT_URL 'notaurl' is not an absolute"
                        + " http(s) URL (e.g. http://localhost:4566)");
        assertThat(wiring.settings(config(), good)).isEqualTo(ShutdownSettings.from(config()));
    }
}
