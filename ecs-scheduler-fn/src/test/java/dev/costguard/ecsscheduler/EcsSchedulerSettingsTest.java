package dev.costguard.ecsscheduler;

import dev.costguard.core.ports.ServiceId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.aws.AwsClientConfig;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.settings.InvalidSettingsException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcsSchedulerSettingsTest {

    /** Raw settings as the Terraform module's environment gives them. */
    private final Map<String, String> env = new HashMap<>(Map.of(
            "services", "bookmark-manager-staging-cluster/bookmark-manager-staging-web,"
                    + "bookmark-manager-staging-cluster/bookmark-manager-staging-api",
            "snapshot-parameter", "/cost-guard/staging/ecs-scheduler-snapshot",
            "default-desired-count", "1",
            "skip-dates", "2026-11-03,2026-11-23",
            "time-zone", "Asia/Tokyo",
            "result-topic-arn", EcsFixtures.RESULT,
            "dry-run", "false"));

    private EcsSchedulerConfig config() {
        return new EcsSchedulerConfig() {
            public Optional<String> services() { return get("services"); }
            public Optional<String> snapshotParameter() { return get("snapshot-parameter"); }
            public Optional<String> defaultDesiredCount() { return get("default-desired-count"); }
            public Optional<String> skipDates() { return get("skip-dates"); }
            public Optional<String> timeZone() { return get("time-zone"); }
            public Optional<String> resultTopicArn() { return get("result-topic-arn"); }
            public Optional<String> dryRun() { return get("dry-run"); }
            public Optional<String> parkedParameter() { return get("parked-parameter"); }
        };
    }

    private Optional<String> get(String key) {
        return Optional.ofNullable(env.get(key));
    }

    @Test
    void readsWhatTheTerraformModuleSets() {
        EcsSchedulerSettings settings = EcsSchedulerSettings.from(config());

        assertThat(settings.services()).containsExactly(EcsFixtures.WEB, EcsFixtures.API);
        assertThat(settings.snapshotParameter()).isEqualTo("/cost-guard/staging/ecs-scheduler-snapshot");
        assertThat(settings.skipDates()).containsExactly(LocalDate.of(2026, 11, 3), LocalDate.of(2026, 11, 23));
        assertThat(settings.timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(settings.resultTopicArn()).hasValue(EcsFixtures.RESULT);
        assertThat(settings.dryRun()).isFalse();
        assertThat(settings.parkedParameter()).isEmpty();
    }

    @Test
    void readsTheDefaultDesiredCount() {
        env.put("default-desired-count", "3");

        assertThat(EcsSchedulerSettings.from(config()).defaultDesiredCount()).isEqualTo(3);
    }

    @Test
    void readsTheKillSwitchsParkedMarker() {
        env.put("parked-parameter", "/cost-guard/staging/parked");

        assertThat(EcsSchedulerSettings.from(config()).parkedParameter()).hasValue("/cost-guard/staging/parked");
    }

    @Test
    void aConfiguredDryRunIsHonouredAndTheScheduledStopItDrivesChangesNothing() {
        env.put("dry-run", "true");
        EcsSchedulerSettings settings = EcsSchedulerSettings.from(config());
        assertThat(settings.dryRun()).isTrue();
        EcsFixtures fx = new EcsFixtures().withServices(2, 3);

        // The schedule never asks for a dry run: only the setting can make this one.
        RunReport report = fx.flow(settings).run(new EcsSchedulerRequest(Action.STOP, Trigger.SCHEDULE, false));

        assertThat(report.dryRun()).isTrue();
        assertThat(fx.ecs.mutatingCalls()).isEmpty();
        assertThat(fx.account.parameter(EcsFixtures.SNAPSHOT)).isEmpty();
        assertThat(fx.desired(EcsFixtures.WEB)).isEqualTo(2);
        assertThat(fx.desired(EcsFixtures.API)).isEqualTo(3);
        assertThat(report.summary()).endsWith("nothing was changed");
    }

    @Test
    void emptyOrMissingOptionalValuesTakeTheirDefaults() {
        env.put("skip-dates", "");
        env.put("result-topic-arn", " ");
        env.remove("default-desired-count");
        env.remove("time-zone");
        env.remove("dry-run");

        EcsSchedulerSettings settings = EcsSchedulerSettings.from(config());

        assertThat(settings.skipDates()).isEmpty();
        assertThat(settings.resultTopicArn()).isEmpty();
        assertThat(settings.defaultDesiredCount()).isEqualTo(1);
        assertThat(settings.timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(settings.dryRun()).isFalse();
    }

    @Test
    void anyNumberOfServicesAcrossClusters() {
        env.put("services", "a/web, b/api ,c/worker_1");
        assertThat(EcsSchedulerSettings.from(config()).services()).containsExactly(new ServiceId("a", "web"),
                new ServiceId("b", "api"), new ServiceId("c", "worker_1"));
    }

    @Test
    void missingRequiredVariablesAreNamedTogether() {
        env.remove("services");
        env.remove("snapshot-parameter");
        assertThatThrownBy(() -> EcsSchedulerSettings.from(config()))
                .hasMessageContaining("COSTGUARD_SERVICES is required")
                .hasMessageContaining("COSTGUARD_SNAPSHOT_PARAMETER is required");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "services|web|COSTGUARD_SERVICES entry 'web' is not cluster/service",
            "services|arn:aws:ecs:ap-northeast-1:123456789012:service/c/web|COSTGUARD_SERVICES entry 'arn:aws:ecs",
            "services|c/web,c/web|COSTGUARD_SERVICES 'c/web,c/web' lists an entry twice",
            "services|c/web,,c/api|COSTGUARD_SERVICES 'c/web,,c/api' has an empty entry",
            "snapshot-parameter|not a name|COSTGUARD_SNAPSHOT_PARAMETER 'not a name' is not an SSM parameter name",
            "parked-parameter|not a name|COSTGUARD_PARKED_PARAMETER 'not a name' is not an SSM parameter name",
            "default-desired-count|one|COSTGUARD_DEFAULT_DESIRED_COUNT 'one' is not a whole number",
            "default-desired-count|-1|COSTGUARD_DEFAULT_DESIRED_COUNT -1 is out of range [0, 1000]",
            "skip-dates|2026-11-31|COSTGUARD_SKIP_DATES entry '2026-11-31' is not a date (YYYY-MM-DD)",
            "skip-dates|03/11/2026|COSTGUARD_SKIP_DATES entry '03/11/2026' is not a date",
            "time-zone|Tokyo|COSTGUARD_TIME_ZONE 'Tokyo' is not a time zone",
            "result-topic-arn|cost-guard-results|COSTGUARD_RESULT_TOPIC_ARN 'cost-guard-results' is not an SNS topic ARN",
            "dry-run|yes|COSTGUARD_DRY_RUN 'yes' is not true or false" })
    void aMalformedValueNamesItsVariable(String property, String value, String message) {
        env.put(property, value);
        assertThatThrownBy(() -> EcsSchedulerSettings.from(config())).hasMessageContaining(message);
    }

    /** The start-up check as the function wires it: its own section, then the AWS clients', in one gate. */
    @Test
    void theStartUpCheckNamesTheFunctionsAndTheAwsClientsBadVariablesInOneMessage() {
        env.remove("services");
        env.put("time-zone", "Mars/Olympus");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SettingsGate gate = new SettingsGate(List.of(reader -> EcsSchedulerSettings.read(config(), reader)), new AwsClientConfig() {
            public Optional<String> endpointUrl() { return Optional.of("notaurl"); }
            public Optional<String> region() { return Optional.empty(); }
            public String maxAttempts() { return "0"; }
            public String callTimeoutSeconds() { return "x"; }
        }, new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC());

        assertThat(gate.check().variables()).containsExactly("COSTGUARD_SERVICES", "COSTGUARD_TIME_ZONE",
                "COSTGUARD_AWS_ENDPOINT_URL", "COSTGUARD_AWS_MAX_ATTEMPTS", "COSTGUARD_AWS_CALL_TIMEOUT_SECONDS");
        assertThatThrownBy(gate::requireValid).isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("Invalid Cost Guard settings: ")
                .hasMessageEndingWith("COSTGUARD_AWS_ENDPOINT_URL 'notaurl' is not an absolute http(s) URL (e.g. http://localhost:4566); "
                        + "COSTGUARD_AWS_MAX_ATTEMPTS 0 is out of range [1, 10]; COSTGUARD_AWS_CALL_TIMEOUT_SECONDS 'x' is not a whole number");
        assertThat(log.toString(StandardCharsets.UTF_8).lines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("{").contains("\"event\":\"invalid_settings\"");
    }
}
