package dev.costguard.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The packaged job (target/quarkus-app/quarkus-run.jar) as a real child process, as ECS would run it. */
final class JobProcess {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 120;

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Process process;
    // Files, not pipes: Process.destroy() closes the parent's pipe ends, which would lose what the job logs while
    // it handles the SIGTERM.
    private final Path stdout;
    private final Path stderr;

    private JobProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Connection environment for a database of the test server; add or override with {@code extra}. */
    static Map<String, String> environment(TestDatabase server, String database) {
        Map<String, String> env = new HashMap<>();
        env.put("DB_HOST", "localhost");
        env.put("DB_PORT", Integer.toString(server.port()));
        env.put("DB_NAME", database);
        env.put("DB_USER", TestDatabase.USER);
        env.put("DB_PASSWORD", "unused-trust-auth");
        return env;
    }

    static JobProcess start(Map<String, String> environment, String... arguments) throws IOException {
        String jar = System.getProperty("batch.jar", "target/quarkus-app/quarkus-run.jar");
        return start(List.of(javaExecutable(),
                // A short-lived CLI: C1 only starts faster, and a small heap is what the task would give it.
                "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar", jar), environment, arguments);
    }

    /** The java that runs the tests: the job is started with the same JVM build. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The job started by {@code jvmCommand} (java, its options, -jar JAR), the arguments appended. */
    static JobProcess start(List<String> jvmCommand, Map<String, String> environment, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>(jvmCommand);
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Only what the test sets reaches the job, whatever the developer's shell exports.
        builder.environment().keySet().removeIf(key -> key.startsWith("DB_") || key.startsWith("BATCH_")
                || key.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        Path logs = Path.of(System.getProperty("batch.work", "target/it"), "job-logs");
        Files.createDirectories(logs);
        int run = RUNS.incrementAndGet();
        Path out = logs.resolve("run-" + run + ".stdout");
        Path err = logs.resolve("run-" + run + ".stderr");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        return new JobProcess(builder.start(), out, err);
    }

    static JobProcess run(Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        JobProcess job = start(environment, arguments);
        job.awaitExit();
        return job;
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the job did not exit within " + TIMEOUT_SECONDS + " s; " + describe());
        }
        return process.exitValue();
    }

    int exitCode() {
        return process.exitValue();
    }

    /** Sends SIGTERM (what {@link Process#destroy()} does on Linux), as ECS StopTask does. */
    void sigterm() {
        process.destroy();
    }

    /** Waits until a stdout line matches; fails if the process ends first. */
    Map<String, Object> awaitLine(Predicate<Map<String, Object>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        int seen = 0;
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> lines = logLines();
            for (; seen < lines.size(); seen++) {
                if (condition.test(lines.get(seen))) {
                    return lines.get(seen);
                }
            }
            if (!process.isAlive() && seen == logLines().size()) {
                throw new AssertionError("the job exited before the expected line; " + describe());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching line within " + TIMEOUT_SECONDS + " s; " + describe());
    }

    /** Every stdout line parsed as JSON; a line that is not JSON fails the test (stdout is for the log only). */
    List<Map<String, Object>> logLines() {
        List<Map<String, Object>> parsed = new ArrayList<>();
        String text = read(stdout);
        // While the job runs, the last line may still be half written.
        text = text.substring(0, text.lastIndexOf('\n') + 1);
        for (String line : text.lines().toList()) {
            try {
                parsed.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() {
                }));
            } catch (IOException e) {
                throw new AssertionError("stdout line is not JSON: " + line, e);
            }
        }
        return parsed;
    }

    /** The lines of one stage and event, e.g. ("aggregate", "committed"). */
    List<Map<String, Object>> lines(String stage, String event) {
        return logLines().stream().filter(l -> stage.equals(l.get("stage")) && event.equals(l.get("event"))).toList();
    }

    Map<String, Object> line(String stage, String event) {
        List<Map<String, Object>> matching = lines(stage, event);
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + stage + "/" + event + " line, got " + matching.size()
                    + "; " + describe());
        }
        return matching.get(0);
    }

    String stderr() {
        return read(stderr);
    }

    String describe() {
        return "exit " + (process.isAlive() ? "(running)" : process.exitValue()) + "; stdout: " + read(stdout)
                + "; stderr: " + stderr();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
