package dev.costguard.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The packaged job (target/quarkus-app/quarkus-run.jar) as a real child process, as ECS would run it. */
final class JobProcess {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 120;

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private final Thread stdoutPump;
    private final Thread stderrPump;

    private JobProcess(Process process) {
        this.process = process;
        this.stdoutPump = pump(process, true);
        this.stderrPump = pump(process, false);
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
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A short-lived CLI: C1 only starts faster, and a small heap is what the task would give it.
                "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar", jar));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Only what the test sets reaches the job, whatever the developer's shell exports.
        builder.environment().keySet().removeIf(key -> key.startsWith("DB_") || key.startsWith("BATCH_")
                || key.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        return new JobProcess(builder.start());
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
            throw new AssertionError("the job did not exit within " + TIMEOUT_SECONDS + " s; stdout: " + stdout
                    + "; stderr: " + stderr());
        }
        stdoutPump.join();
        stderrPump.join();
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
            if (!process.isAlive() && !stdoutPump.isAlive()) {
                throw new AssertionError("the job exited (" + process.exitValue() + ") before the expected line;"
                        + " stdout: " + stdout + "; stderr: " + stderr());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching line within " + TIMEOUT_SECONDS + " s; stdout: " + stdout);
    }

    /** Every stdout line parsed as JSON; a line that is not JSON fails the test (stdout is for the log only). */
    List<Map<String, Object>> logLines() {
        List<Map<String, Object>> parsed = new ArrayList<>();
        for (String line : stdout) {
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
                    + "; stdout: " + stdout + "; stderr: " + stderr());
        }
        return matching.get(0);
    }

    String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    String describe() {
        return "exit " + (process.isAlive() ? "(running)" : process.exitValue()) + "; stdout: " + stdout
                + "; stderr: " + stderr();
    }

    private Thread pump(Process source, boolean isStdout) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    isStdout ? source.getInputStream() : source.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (isStdout) {
                        stdout.add(line);
                    } else {
                        synchronized (stderr) {
                            stderr.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException e) {
                // The process is gone; what was read is kept.
            }
        }, isStdout ? "job-stdout" : "job-stderr");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
