package dev.costguard.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * For the functions' handler tests: starts the fake account in-process and points the function's AWS clients at
 * it; subclasses add the function's own settings, as its Terraform module would set them. Every AWS call the
 * account receives is one line in a file under target/, readable from the test through {@link #calls()}
 * (a system property carries its path, since the test and the resource may not share a class loader); another
 * carries the account's URL for {@link FakeAccountFaults#ofTestResource()}.
 * Each call is also one JSON record under target/aws-calls/ (emptied by the first start in a test JVM): the
 * permission check (terraform/policy-check/simulate.mjs) maps those to IAM actions and simulates them against the
 * function's policy as Terraform renders it.
 */
public abstract class FakeAccountTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String CALLS_PROPERTY = "cost-guard.test.fake-account-calls";
    private static final String RECORDS_CLEARED_PROPERTY = "cost-guard.test.aws-calls-cleared";
    private static final Path RECORDS = Path.of("target", "aws-calls");

    /** The kill switch's and recovery's settings for the sample account. */
    protected static final Map<String, String> SAMPLE_KILL_SWITCH = Map.of(
            "costguard.function-names", "relay-connect,relay-disconnect,relay-default",
            "costguard.instance-id", "i-0c0ffee5eed000001",
            "costguard.distribution-id", "E2DEMO0CDN0001",
            "costguard.result-topic-arn", "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-result",
            "costguard.snapshot-parameter", "/cost-guard/test/kill-switch-snapshot",
            "costguard.parked-parameter", "/cost-guard/test/parked");

    private FakeAccountServer server;

    /** The function's settings; the endpoint, region and attempts are set already. */
    protected abstract Map<String, String> settings(FakeAccountServer server);

    @Override
    public Map<String, String> start() {
        Path records;
        try {
            Path calls = Files.createTempFile(Path.of("target"), "fake-account-", ".log");
            System.setProperty(CALLS_PROPERTY, calls.toString());
            records = recordsFile();
            server = FakeAccountServer.start(0, Duration.ZERO,
                    new PrintStream(new FileOutputStream(calls.toFile(), true), true, StandardCharsets.UTF_8), false,
                    new PrintStream(new FileOutputStream(records.toFile(), true), true, StandardCharsets.UTF_8));
            System.setProperty(FakeAccountFaults.URL_PROPERTY, server.endpoint().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>(settings(server));
        config.put("costguard.aws.endpoint-url", server.endpoint().toString());
        config.put("costguard.aws.region", "ap-northeast-1");
        config.put("costguard.aws.max-attempts", "1");
        writeSettings(records, config);
        return config;
    }

    /** A new file for this start's call records; the first start in a test JVM drops the records of an earlier build. */
    private static Path recordsFile() throws IOException {
        if (System.getProperty(RECORDS_CLEARED_PROPERTY) == null) {
            if (Files.isDirectory(RECORDS)) {
                try (Stream<Path> old = Files.list(RECORDS)) {
                    for (Path file : old.toList()) {
                        Files.delete(file);
                    }
                }
            }
            System.setProperty(RECORDS_CLEARED_PROPERTY, "true");
        }
        Files.createDirectories(RECORDS);
        return Files.createTempFile(RECORDS, "calls-", ".jsonl");
    }

    /**
     * The settings beside the call records: the check puts the names Terraform gives (the function's environment in
     * the plan) in place of the test's names, e.g. the snapshot parameter's.
     */
    private static void writeSettings(Path records, Map<String, String> config) {
        String name = records.getFileName().toString().replace(".jsonl", ".settings.json");
        try {
            Files.writeString(records.resolveSibling(name), new ObjectMapper().writeValueAsString(new TreeMap<>(config)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The AWS calls the fake account has received so far, one line each. */
    public static List<String> calls() {
        try {
            return Files.readAllLines(Path.of(System.getProperty(CALLS_PROPERTY)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            System.clearProperty(FakeAccountFaults.URL_PROPERTY);
        }
    }
}
