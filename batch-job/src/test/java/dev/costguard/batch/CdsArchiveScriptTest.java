package dev.costguard.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image build's archive step must fail loudly, never leave an image with a half-made or missing archive
 * unnoticed: cds-archive.sh's refusals (ProductionCommandIT covers the archive it writes).
 */
class CdsArchiveScriptTest {

    private static final Path SCRIPT = Path.of("src", "main", "sh", "cds-archive.sh");

    private record Run(int exit, String output) {
    }

    private static Run run(String... command) throws Exception {
        List<String> words = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        words.addAll(List.of(command));
        Process process = new ProcessBuilder(words).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void aCommandWithoutAnArchiveOptionIsRefusedWithTheReason() throws Exception {
        Run run = run("java", "-Xshare:auto", "-jar", "quarkus-run.jar");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("has no -XX:SharedArchiveFile=FILE option");
    }

    @Test
    void aTrainingRunThatDoesNotEndAsUnreachableFailsTheStepAndLeavesNoArchive(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("app-cds.jsa");
        // A stand-in java that does write the archive it is asked for (-XX:ArchiveClassesAtExit=FILE), as a real JVM
        // does at exit, but exits 0: the training run never reached the database refusal it expects, so what it
        // archived is not the job's start-up and must not ship.
        Path java = dir.resolve("java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                for word in "$@"; do
                  case "$word" in -XX:ArchiveClassesAtExit=*) printf 'archive' >"${word#-XX:ArchiveClassesAtExit=}" ;; esac
                done
                exit 0
                """);
        assertThat(java.toFile().setExecutable(true)).isTrue();

        Run run = run(java.toString(), "-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-jar", "quarkus-run.jar");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("the training run exited 0, expected 3 (database unreachable)");
        assertThat(Files.exists(archive)).as("the archive the stand-in wrote is removed").isFalse();
    }

    @Test
    void aTooShortCommandIsRefusedWithTheUsage() throws Exception {
        Run run = run("java");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("usage: cds-archive.sh");
    }
}
