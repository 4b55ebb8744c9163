package dev.costguard.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job started exactly as the orchestration module's default batch_command starts it (its JVM options, its AppCDS
 * archive written by cds-archive.sh from quarkus-app/), with /opt/cost-guard/batch-job/ mapped to the packaged
 * target/quarkus-app/ and "java" to this JVM.
 */
class ProductionCommandIT {

    private static final String IMAGE_DIR = "/opt/cost-guard/batch-job/";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private static TestDatabase server;
    private static String database;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestDatabase.start("production-command-it");
        database = server.createDatabase("production_command");
        try (Connection connection = server.connect(database)) {
            // The API owns the orders table; the job's first run creates its own schema beside it.
            server.createApiSchema(database);
            GeneratedOrders.insert(connection, GeneratedOrders.around(DAY, TOKYO, 3_000, 60, 5));
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    /** The module's default batch_command, word for word, with the image's paths mapped to this build. */
    static List<String> productionCommand() throws IOException {
        Path app = Path.of(System.getProperty("batch.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath()
                .getParent();
        List<String> command = new ArrayList<>();
        for (String word : DockerfileTest.defaultBatchCommand()) {
            command.add(word.replace(IMAGE_DIR, app + "/"));
        }
        assertThat(command.get(0)).isEqualTo("java");
        command.set(0, JobProcess.javaExecutable());
        return command;
    }

    private static Path archiveOf(List<String> command) {
        return command.stream().filter(w -> w.startsWith("-XX:SharedArchiveFile="))
                .map(w -> Path.of(w.substring("-XX:SharedArchiveFile=".length()))).findFirst()
                .orElseThrow(() -> new AssertionError("the production command names no AppCDS archive: " + command));
    }

    @Test
    void theDocumentedCommandWithItsArchiveAggregatesAndKeepsStdoutJson() throws Exception {
        List<String> command = productionCommand();
        Path archive = archiveOf(command);
        List<String> script = new ArrayList<>(List.of("bash", archive.getParent().resolve("cds-archive.sh").toString()));
        script.addAll(command);
        Process writer = new ProcessBuilder(script).redirectErrorStream(true).start();
        String output = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(writer.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.exitValue()).as(output).isZero();
        assertThat(output).contains("wrote " + archive);
        assertThat(Files.size(archive)).isPositive();

        JobProcess job = JobProcess.start(command, JobProcess.environment(server, database), DAY.toString());
        job.awaitExit();

        assertThat(job.exitCode()).as(job.describe()).isZero();
        assertThat(job.line("aggregate", "committed")).containsEntry("day", DAY.toString());
        assertThat(job.logLines()).extracting(line -> line.get("stage") + "/" + line.get("event")).last()
                .isEqualTo("finish/exit");
    }

    @Test
    void withoutItsArchiveTheCommandStillRunsTheJob() throws Exception {
        List<String> command = productionCommand().stream()
                .map(w -> w.startsWith("-XX:SharedArchiveFile=")
                        ? "-XX:SharedArchiveFile=" + Path.of("target", "it", "no-such-archive.jsa").toAbsolutePath()
                        : w)
                .toList();

        JobProcess job = JobProcess.start(command, JobProcess.environment(server, database), DAY.toString());
        job.awaitExit();

        assertThat(job.exitCode()).as(job.describe()).isZero();
        // Every stdout line is JSON (logLines fails otherwise). JDK 17 starts silently without the archive; a newer
        // JVM given a foreign one warns, and the command sends that to stderr (-Xlog:all=warning:stderr).
        assertThat(job.logLines()).extracting(line -> line.get("stage") + "/" + line.get("event"))
                .contains("aggregate/committed", "finish/exit");
    }
}
