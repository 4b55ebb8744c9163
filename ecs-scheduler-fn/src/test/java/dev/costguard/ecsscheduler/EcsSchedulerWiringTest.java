package dev.costguard.ecsscheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.aws.AwsClientConfig;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.settings.InvalidSettingsException;
import dev.costguard.core.settings.SettingsReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CDI producers called by hand (PIT runs no Quarkus test): what each hands on, and what it refuses. */
class EcsSchedulerWiringTest {

    private final EcsFixtures fx = new EcsFixtures();
    private final EcsSchedulerWiring wiring = new EcsSchedulerWiring();

    private static EcsSchedulerConfig config(String timeZone) {
        return new EcsSchedulerConfig() {
            public Optional<String> services() { return Optional.of(EcsFixtures.WEB.label() + "," + EcsFixtures.API.label()); }
            public Optional<String> snapshotParameter() { return Optional.of(EcsFixtures.SNAPSHOT); }
            public Optional<String> defaultDesiredCount() { return Optional.empty(); }
            public Optional<String> skipDates() { return Optional.empty(); }
            public Optional<String> timeZone() { return Optional.of(timeZone); }
            public Optional<String> resultTopicArn() { return Optional.empty(); }
            public Optional<String> dryRun() { return Optional.empty(); }
            public Optional<String> parkedParameter() { return Optional.of(EcsFixtures.PARKED); }
        };
    }

    private SettingsGate gate(EcsSchedulerConfig config, String maxAttempts) {
        return new SettingsGate(List.of(reader -> EcsSchedulerSettings.read(config, reader)), new AwsClientConfig() {
            public Optional<String> endpointUrl() { return Optional.empty(); }
            public Optional<String> region() { return Optional.empty(); }
            public String maxAttempts() { return maxAttempts; }
            public String callTimeoutSeconds() { return "20"; }
        }, new PrintStream(OutputStream.nullOutputStream()), fx.time);
    }

    @Test
    void theSettingsSectionChecksTheFunctionsOwnVariables() {
        SettingsReader reader = new SettingsReader();

        wiring.settingsSection(config("Mars/Olympus")).read(reader);

        assertThat(reader.problems()).singleElement().asString().startsWith("COSTGUARD_TIME_ZONE 'Mars/Olympus'");
    }

    @Test
    void theSettingsAreMadeOnlyPastAValidGate() {
        EcsSchedulerConfig config = config("Asia/Tokyo");

        // The function's own variables are fine; an AWS client's is not: still no settings, so no run.
        assertThatThrownBy(() -> wiring.settings(config, gate(config, "0")))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("COSTGUARD_AWS_MAX_ATTEMPTS");
        assertThat(wiring.settings(config, gate(config, "4"))).isEqualTo(EcsSchedulerSettings.from(config));
    }

    @Test
    void theWiredFlowRefusesAStartWhileTheConfiguredMarkerSaysParked() {
        fx.withServices(0, 0);
        fx.account.put(EcsFixtures.PARKED, "{\"parked_since\":\"2026-11-03T05:00:00Z\",\"trigger\":\"budget-alert\"}");
        fx.time.set(Instant.parse("2026-11-04T00:00:00Z"));
        EcsSchedulerFlow flow = wiring.flow(EcsFixtures.settings(), fx.ecs, fx.ecs, fx.parameters, fx.account,
                fx.current, fx.time, fx.time);

        RunReport report = flow.run(new EcsSchedulerRequest(Action.START, Trigger.MANUAL, false));

        assertThat(report.summary()).startsWith("Start by hand refused: parked by the kill switch since");
        assertThat(fx.ecs.mutatingCalls()).isEmpty();
        assertThat(fx.desired(EcsFixtures.WEB)).isZero();
    }
}
