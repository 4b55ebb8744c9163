package dev.costguard.efsscaler;

import static dev.costguard.efsscaler.EfsScalerFixtures.FS;
import static dev.costguard.efsscaler.EfsScalerFixtures.LIST;
import static dev.costguard.efsscaler.EfsScalerFixtures.PARKED;
import static dev.costguard.efsscaler.EfsScalerFixtures.VPC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.efs.CountMode;
import dev.costguard.core.efs.MountTargetList;
import dev.costguard.core.efs.MountTargetListCodec;
import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryEcs;
import dev.costguard.core.fakes.InMemoryParameters;
import dev.costguard.core.parked.ParkedMarker;
import dev.costguard.core.report.ReportPublisher;
import dev.costguard.core.report.RunFinisher;
import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.RunReportLog;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
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
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While the kill switch has the estate parked, the scaler still counts and reports, and creates no mount target. */
class EfsScalerParkedTest {

    @TempDir
    Path directory;

    private final FakeTime time = new FakeTime(Instant.parse("2026-11-02T03:00:00Z"));
    private final InMemoryParameters parameters = new InMemoryParameters();
    private final InMemoryEcs ecs = new InMemoryEcs().withService("bookmark-dev", "bookmark-web", 2);
    private InMemoryEfs efs;

    @BeforeEach
    void twoOfThreeZonesCoveredAndFilesAboveTheThreshold() throws IOException {
        efs = new InMemoryEfs(FS, VPC).withSubnet("subnet-0aaa", "ap-northeast-1a", 200)
                .withSubnet("subnet-0ccc", "ap-northeast-1c", 200).withSubnet("subnet-0ddd", "ap-northeast-1d", 200)
                .withTarget("fsmt-0aaa", "ap-northeast-1a", "available")
                .withTarget("fsmt-0ccc", "ap-northeast-1c", "available");
        parameters.with(LIST, MountTargetListCodec.encode(new MountTargetList(FS, efs.targets())));
        for (int i = 0; i < 6; i++) {
            Files.createFile(directory.resolve("upload-" + i + ".bin"));
        }
    }

    private RunReport run() {
        EfsScalerSettings settings = new EfsScalerSettings(directory, 5, CountMode.ENTRIES, false, FS, VPC,
                List.of("sg-0123456789abcdef0"), LIST, "bookmark-dev", "bookmark-web", Duration.ofSeconds(10),
                Optional.empty(), false, List.of(), Optional.of(PARKED));
        CurrentDeadline current = new CurrentDeadline(time);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        return new EfsScalerFlow(settings, efs, efs, parameters, ecs, new RunFinisher(new RunReportLog(quiet, time),
                new ReportPublisher((topic, subject, message) -> "id", time), current), current,
                new EventLog(quiet, time), time, time, Optional.of(new ParkedMarker(parameters, PARKED)))
                .run(new EfsScalerRequest(Trigger.SCHEDULE, false), Deadline.fromRemaining(time, Duration.ofMinutes(4),
                        Duration.ofSeconds(5)));
    }

    private static StepResult step(RunReport report, String name) {
        return report.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void whileParkedItCountsAndReportsButCreatesNoMountTarget() {
        parameters.with(PARKED, "{\"parked_since\":\"2026-11-01T20:00:00Z\",\"trigger\":\"budget-alert\"}");

        RunReport report = run();

        assertThat(efs.created()).isZero();
        assertThat(step(report, "count").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(step(report, "threshold").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(step(report, "mount-target").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(step(report, "mount-target").detail()).isEqualTo("parked by the kill switch since "
                + "2026-11-01T20:00:00Z (budget-alert); recovery restores it: would create a mount target in "
                + "subnet-0ddd (ap-northeast-1d); nothing created");
        assertThat(ecs.deployments("bookmark-dev", "bookmark-web")).isZero();
        assertThat(report.overallSuccess()).isTrue();
    }

    @Test
    void aMarkerThatCannotBeReadCreatesNothingEither() {
        parameters.with(PARKED, "{}").failing("GetParameter");

        RunReport report = run();

        assertThat(efs.created()).isZero();
        assertThat(report.overallSuccess()).isFalse();
    }

    @Test
    void onceRecoveryLiftedTheMarkerTheTargetIsCreated() {
        RunReport report = run();

        assertThat(efs.created()).isEqualTo(1);
        assertThat(report.overallSuccess()).as(report.summary()).isTrue();
    }
}
