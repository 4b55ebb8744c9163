package dev.costguard.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.aws.RawAwsClientConfig;
import dev.costguard.aws.SettingsGate;
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

class RecoverySettingsTest {

    private final Map<String, String> env = new HashMap<>(Map.of(
            "function-names", "relay-connect,relay-default",
            "instance-id", "i-0123456789abcdef0",
            "distribution-id", "E2TESTDIST0001",
            "result-topic-arn", "arn:aws:sns:ap-northeast-1:123456789012:result",
            "snapshot-parameter", "/cost-guard/dev/kill-switch-snapshot",
            "health-url", "http://{privateIp}:8080/health",
            "parked-parameter", "/cost-guard/dev/parked"));

    private RecoveryConfig config() {
        return new RecoveryConfig() {
            public Optional<String> functionNames() { return Optional.ofNullable(env.get("function-names")); }
            public Optional<String> instanceId() { return Optional.ofNullable(env.get("instance-id")); }
            public Optional<String> distributionId() { return Optional.ofNullable(env.get("distribution-id")); }
            public Optional<String> resultTopicArn() { return Optional.ofNullable(env.get("result-topic-arn")); }
            public Optional<String> snapshotParameter() { return Optional.ofNullable(env.get("snapshot-parameter")); }
            public Optional<String> healthUrl() { return Optional.ofNullable(env.get("health-url")); }
            public String healthAttempts() { return env.getOrDefault("health-attempts", "5"); }
            public String healthIntervalSeconds() { return env.getOrDefault("health-interval-seconds", "5"); }
            public String startTimeoutSeconds() { return env.getOrDefault("start-timeout-seconds", "120"); }
            public String rateLimitPerSecond() { return "10"; }
            public String poolSize() { return "4"; }
            public String dryRun() { return env.getOrDefault("dry-run", "false"); }
            public Optional<String> parkedParameter() { return Optional.ofNullable(env.get("parked-parameter")); }
            public Optional<String> ecsServices() { return Optional.ofNullable(env.get("ecs-services")); }
            public Optional<String> ecsSchedulerParameter() { return Optional.ofNullable(env.get("ecs-scheduler-parameter")); }
            public Optional<String> ecsBusinessHours() { return Optional.ofNullable(env.get("ecs-business-hours")); }
            public Optional<String> ecsTimeZone() { return Optional.ofNullable(env.get("ecs-time-zone")); }
            public Optional<String> ecsSkipDates() { return Optional.ofNullable(env.get("ecs-skip-dates")); }
        };
    }

    @Test
    void readsTheDefaultsOfTheSeed() {
        RecoverySettings settings = RecoverySettings.from(config());
        assertThat(settings.healthAttempts()).isEqualTo(5);
        assertThat(settings.healthInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.parkedParameter()).isEqualTo("/cost-guard/dev/parked");
        assertThat(settings.ecsServices()).isEmpty();
        assertThat(settings.ecsSchedulerParameter()).isEmpty();
        assertThat(settings.businessHours()).hasToString("MON,TUE,WED,THU,FRI 09:00-22:00 Asia/Tokyo");
    }

    @Test
    void readsTheEcsServicesAndTheSchedulersBusinessHours() {
        env.put("ecs-services", "demo-cluster/web,demo-cluster/api");
        env.put("ecs-scheduler-parameter", "/cost-guard/dev/ecs-scheduler-snapshot");
        env.put("ecs-business-hours", "MON-SAT 08:00-20:00");
        env.put("ecs-time-zone", "Europe/Paris");
        env.put("ecs-skip-dates", "2026-12-25");

        RecoverySettings settings = RecoverySettings.from(config());

        assertThat(settings.ecsServices()).extracting(Object::toString).containsExactly("demo-cluster/web",
                "demo-cluster/api");
        assertThat(settings.ecsSchedulerParameter()).hasValue("/cost-guard/dev/ecs-scheduler-snapshot");
        assertThat(settings.businessHours()).hasToString("MON,TUE,WED,THU,FRI,SAT 08:00-20:00 Europe/Paris");
        assertThat(settings.businessHours().skipDates()).extracting(Object::toString).containsExactly("2026-12-25");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "ecs-services|web|COSTGUARD_ECS_SERVICES entry 'web' is not cluster/service",
            "ecs-scheduler-parameter|not a name|COSTGUARD_ECS_SCHEDULER_PARAMETER 'not a name' is not an SSM parameter name",
            "ecs-business-hours|weekdays 9-5|COSTGUARD_ECS_BUSINESS_HOURS 'weekdays 9-5' is not days and hours such as MON-FRI 09:00-22:00",
            "ecs-business-hours|MON-FRI 22:00-09:00|COSTGUARD_ECS_BUSINESS_HOURS 'MON-FRI 22:00-09:00' is not days",
            "ecs-time-zone|Tokyo|COSTGUARD_ECS_TIME_ZONE 'Tokyo' is not a time zone",
            "ecs-skip-dates|25/12|COSTGUARD_ECS_SKIP_DATES entry '25/12' is not a date"})
    void aBadEcsSettingIsNamed(String property, String value, String message) {
        env.put(property, value);
        assertThatThrownBy(() -> RecoverySettings.from(config())).hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = { "function-names", "instance-id", "distribution-id", "result-topic-arn",
            "snapshot-parameter", "health-url", "parked-parameter" })
    void eachRequiredVariableMissingIsNamed(String property) {
        env.remove(property);
        assertThatThrownBy(() -> RecoverySettings.from(config()))
                .hasMessageContaining("COSTGUARD_" + property.toUpperCase().replace('-', '_') + " is required");
    }

    @Test
    void anUnknownPlaceholderInTheHealthUrlIsRefused() {
        env.put("health-url", "http://{hostName}:8080/health");
        assertThatThrownBy(() -> RecoverySettings.from(config()))
                .hasMessageContaining("COSTGUARD_HEALTH_URL 'http://{hostName}:8080/health' has a placeholder other than");
    }

    @Test
    void aMalformedResultTopicIsNamed() {
        env.put("result-topic-arn", "result");
        assertThatThrownBy(() -> RecoverySettings.from(config()))
                .hasMessageContaining("COSTGUARD_RESULT_TOPIC_ARN 'result' is not an SNS topic ARN");
    }

    /** The start-up check as the function wires it: its own section, then the AWS clients', in one gate. */
    @Test
    void theStartUpCheckNamesTheFunctionsAndTheAwsClientsBadVariablesInOneMessage() {
        env.remove("instance-id");
        env.put("health-attempts", "0");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SettingsGate gate = new SettingsGate(List.of(new RecoveryWiring().settingsSection(config())),
                new RawAwsClientConfig("notaurl", null, "0", "x"), new PrintStream(log, true, StandardCharsets.UTF_8),
                Clock.systemUTC());

        assertThat(gate.check().variables()).containsExactly("COSTGUARD_INSTANCE_ID", "COSTGUARD_HEALTH_ATTEMPTS",
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
        RecoveryWiring wiring = new RecoveryWiring();
        List<SettingsSection> sections = List.of(wiring.settingsSection(config()));
        SettingsGate bad = RawAwsClientConfig.defaults().withEndpointUrl("notaurl").quietGate(sections);
        SettingsGate good = RawAwsClientConfig.defaults().withEndpointUrl("http://localhost:4566").quietGate(sections);

        assertThatThrownBy(() -> wiring.settings(config(), bad)).isInstanceOf(InvalidSettingsException.class)
                .hasMessage("Invalid Cost Guard settings: COSTGUARD_AWS_ENDPOINT_URL 'notaurl' is not an absolute"
                        + " http(s) URL (e.g. http://localhost:4566)");
        assertThat(wiring.settings(config(), good)).isEqualTo(RecoverySettings.from(config()));
    }
}
