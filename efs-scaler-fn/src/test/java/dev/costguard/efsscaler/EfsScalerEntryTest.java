package dev.costguard.efsscaler;

import static dev.costguard.core.fakes.FakeContext.remaining;
import static dev.costguard.efsscaler.EfsScalerFixtures.FS;
import static dev.costguard.efsscaler.EfsScalerFixtures.LIST;
import static dev.costguard.efsscaler.EfsScalerFixtures.VPC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.aws.AwsClientConfig;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.efs.CountMode;
import dev.costguard.core.efs.MountTargetList;
import dev.costguard.core.efs.MountTargetListCodec;
import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryEcs;
import dev.costguard.core.fakes.InMemoryParameters;
import dev.costguard.core.json.Json;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.settings.InvalidSettingsException;
import dev.costguard.core.settings.SettingsSection;
import dev.costguard.core.time.CurrentDeadline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handler without Quarkus (PIT runs only plain tests): the settings gate comes first, then a run within the
 * invocation's time, and the answer is the run's report. The Quarkus handler tests cover the same path through the
 * real wiring.
 */
class EfsScalerEntryTest {

    @TempDir
    Path directory;

    private final FakeTime time = new FakeTime(Instant.parse("2026-11-02T03:00:00Z"));
    private final InMemoryParameters parameters = new InMemoryParameters();
    private final InMemoryEcs ecs = new InMemoryEcs().withService("bookmark-dev", "bookmark-web", 2);
    private final InMemoryEfs efs = new InMemoryEfs(FS, VPC).withSubnet("subnet-0aaa", "ap-northeast-1a", 200)
            .withTarget("fsmt-0aaa", "ap-northeast-1a", "available");

    @BeforeEach
    void aListInSsm() {
        parameters.with(LIST, MountTargetListCodec.encode(new MountTargetList(FS, efs.targets())));
    }

    private EfsScalerHandler handler(SettingsSection section) {
        EfsScalerSettings settings = new EfsScalerSettings(directory, 5, CountMode.ENTRIES, false, FS, VPC,
                List.of("sg-0123456789abcdef0"), LIST, "bookmark-dev", "bookmark-web", Duration.ofSeconds(10),
                Optional.empty(), false);
        CurrentDeadline current = new CurrentDeadline(time);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        EfsScalerFlow flow = new EfsScalerFlow(settings, efs, efs, parameters, ecs, new RunFinisher(
                new RunReportLog(quiet, time), new ReportPublisher((topic, subject, message) -> "id", time), current),
                current, new EventLog(quiet, time), time, time);
        EfsScalerHandler handler = new EfsScalerHandler();
        handler.settings = new SettingsGate(List.of(section), new AwsClientConfig() {
            public Optional<String> endpointUrl() { return Optional.empty(); }
            public Optional<String> region() { return Optional.empty(); }
            public String maxAttempts() { return "4"; }
            public String callTimeoutSeconds() { return "20"; }
        }, quiet, time);
        handler.flow = () -> flow;
        handler.clock = time;
        return handler;
    }

    private static ByteArrayInputStream payload(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBadSettingFailsEveryRunWithItsMessageBeforeAnyCall() {
        EfsScalerHandler handler = handler(reader -> reader.problem("costguard.vpc-id", "'vpc-1' is not a VPC id"));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();

        assertThatThrownBy(() -> handler.handleRequest(payload("{\"trigger\":\"manual\"}"), answer, remaining(60_000)))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("COSTGUARD_VPC_ID 'vpc-1'");

        assertThat(efs.calls()).isEmpty();
        assertThat(parameters.calls()).isEmpty();
        assertThat(answer.size()).isZero();
    }

    @Test
    void theAnswerIsTheRunsReport() throws Exception {
        for (int i = 0; i < 6; i++) {
            Files.createFile(directory.resolve("upload-" + i + ".bin"));
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();

        handler(reader -> { }).handleRequest(payload("{\"trigger\":\"manual\"}"), answer, remaining(60_000));

        JsonNode report = Json.MAPPER.readTree(answer.toByteArray());
        assertThat(report.path("function").asText()).isEqualTo("efs-scaler");
        assertThat(report.path("trigger").asText()).isEqualTo("manual");
        assertThat(report.at("/steps/0/name").asText()).isEqualTo("count");
        assertThat(report.at("/steps/0/detail").asText()).contains(" entries in " + directory);
        assertThat(report.path("summary").asText()).startsWith("All zones covered: ");
    }

    @Test
    void theRunEndsTheReportReserveBeforeLambdasTimeout() {
        EfsScalerHandler handler = handler(reader -> { });

        assertThat(handler.deadline(60_000).end()).isEqualTo(time.instant().plusSeconds(50));
    }
}
