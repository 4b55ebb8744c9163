package dev.costguard.efsscaler;

import static dev.costguard.efsscaler.EfsScalerFixtures.FS;
import static dev.costguard.efsscaler.EfsScalerFixtures.LIST;
import static dev.costguard.efsscaler.EfsScalerFixtures.PARKED;
import static dev.costguard.efsscaler.EfsScalerFixtures.VPC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.aws.AwsClientConfig;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.efs.MountTargetList;
import dev.costguard.core.efs.MountTargetListCodec;
import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryEcs;
import dev.costguard.core.fakes.InMemoryParameters;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.settings.InvalidSettingsException;
import dev.costguard.core.settings.SettingsReader;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Deadline;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CDI producers called by hand (PIT runs no Quarkus test): what each hands on, and what it refuses. */
class EfsScalerWiringTest {

    @TempDir
    Path directory;

    private final FakeTime time = new FakeTime(Instant.parse("2026-11-02T03:00:00Z"));
    private final EfsScalerWiring wiring = new EfsScalerWiring();

    private EfsScalerConfig config(Map<String, String> changes) {
        Map<String, String> env = EfsScalerFixtures.required(directory);
        env.put("parked-parameter", PARKED);
        env.putAll(changes);
        return EfsScalerFixtures.config(env);
    }

    private SettingsGate gate(EfsScalerConfig config, String maxAttempts) {
        return new SettingsGate(List.of(reader -> EfsScalerSettings.read(config, reader)), new AwsClientConfig() {
            public Optional<String> endpointUrl() { return Optional.empty(); }
            public Optional<String> region() { return Optional.empty(); }
            public String maxAttempts() { return maxAttempts; }
            public String callTimeoutSeconds() { return "20"; }
        }, new PrintStream(OutputStream.nullOutputStream()), time);
    }

    @Test
    void theSettingsSectionChecksTheFunctionsOwnVariables() {
        SettingsReader reader = new SettingsReader();

        wiring.settingsSection(config(Map.of("vpc-id", "vpc-1"))).read(reader);

        assertThat(reader.problems()).singleElement().asString().startsWith("COSTGUARD_VPC_ID 'vpc-1'");
    }

    @Test
    void theSettingsAreMadeOnlyPastAValidGate() {
        EfsScalerConfig config = config(Map.of());

        // The function's own variables are fine; an AWS client's is not: still no settings, so no run.
        assertThatThrownBy(() -> wiring.settings(config, gate(config, "0")))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("COSTGUARD_AWS_MAX_ATTEMPTS");
        assertThat(wiring.settings(config, gate(config, "4"))).isEqualTo(EfsScalerSettings.from(config));
    }

    @Test
    void theWiredFlowCreatesNoMountTargetWhileTheConfiguredMarkerSaysParked() throws IOException {
        for (int i = 0; i < 6; i++) {
            Files.createFile(directory.resolve("upload-" + i + ".bin"));
        }
        InMemoryEfs efs = new InMemoryEfs(FS, VPC).withSubnet("subnet-0aaa", "ap-northeast-1a", 200)
                .withSubnet("subnet-0ddd", "ap-northeast-1d", 200).withTarget("fsmt-0aaa", "ap-northeast-1a", "available");
        InMemoryParameters parameters = new InMemoryParameters()
                .with(LIST, MountTargetListCodec.encode(new MountTargetList(FS, efs.targets())))
                .with(PARKED, "{\"parked_since\":\"2026-11-01T20:00:00Z\",\"trigger\":\"budget-alert\"}");
        CurrentDeadline current = new CurrentDeadline(time);
        EfsScalerFlow flow = wiring.flow(EfsScalerSettings.from(config(Map.of())), efs, efs, parameters,
                new InMemoryEcs().withService("bookmark-dev", "bookmark-web", 2), (topic, subject, message) -> "id",
                current, time, time);

        RunReport report = flow.run(new EfsScalerRequest(Trigger.SCHEDULE, false),
                Deadline.fromRemaining(time, Duration.ofMinutes(2), Duration.ofSeconds(5)));

        assertThat(report.steps()).filteredOn(s -> s.name().equals("mount-target")).extracting(StepResult::detail)
                .singleElement().asString().startsWith("parked by the kill switch since 2026-11-01T20:00:00Z");
        assertThat(efs.created()).isZero();
    }
}
