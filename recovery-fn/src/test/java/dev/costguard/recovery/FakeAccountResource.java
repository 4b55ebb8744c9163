package dev.costguard.recovery;

import dev.costguard.demo.FakeAccountServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Starts the demo's stateful fake AWS account for the handler tests and points the function at it, with the
 * settings the Terraform module would set. Every AWS call it receives is one line in a file under target/.
 */
public class FakeAccountResource implements QuarkusTestResourceLifecycleManager {

    static final String CALLS_PROPERTY = "cost-guard.test.fake-account-calls";

    private FakeAccountServer server;

    @Override
    public Map<String, String> start() {
        try {
            Path calls = Files.createTempFile(Path.of("target"), "fake-account-", ".log");
            System.setProperty(CALLS_PROPERTY, calls.toString());
            server = FakeAccountServer.start(0, Duration.ZERO,
                    new PrintStream(new FileOutputStream(calls.toFile(), true), true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                Map.entry("costguard.aws.endpoint-url", server.endpoint().toString()),
                Map.entry("costguard.aws.region", "ap-northeast-1"),
                Map.entry("costguard.aws.max-attempts", "1"),
                Map.entry("costguard.function-names", "relay-connect,relay-disconnect,relay-default"),
                Map.entry("costguard.instance-id", "i-0c0ffee5eed000001"),
                Map.entry("costguard.distribution-id", "E2DEMO0CDN0001"),
                Map.entry("costguard.health-url", "http://{privateIp}:" + server.port() + "/health"),
                Map.entry("costguard.health-interval-seconds", "0"),
                Map.entry("costguard.result-topic-arn", "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-result"),
                Map.entry("costguard.snapshot-parameter", "/cost-guard/test/kill-switch-snapshot"),
                Map.entry("costguard.start-timeout-seconds", "30"));
    }

    /** The AWS calls the fake account has received so far, one line each. */
    static List<String> calls() {
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
        }
    }
}
