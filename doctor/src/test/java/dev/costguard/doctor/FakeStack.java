package dev.costguard.doctor;

import dev.costguard.aws.AwsClientSettings;
import dev.costguard.aws.AwsClients;
import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.demo.FakeAccountServer;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The fake AWS account (demo module) with the sample deployment "costguard-demo", the tfvars that describe it, and
 * the adapters the doctor and the smoke test use, pointed at it. One per test: every test starts from the sample.
 * Each call the account serves is also one JSON record under target/aws-calls/ (emptied by the first start in a test
 * JVM), as the functions' handler tests leave theirs: terraform/policy-check/simulate.mjs maps them to IAM actions and
 * judges them against docs/doctor-policy.json.
 */
final class FakeStack implements AutoCloseable {

    static final String RECOVERY_SCHEDULER_ROLE = "arn:aws:iam::123456789012:role/costguard-demo-recovery-scheduler";

    private static final Path RECORDS = Path.of("target", "aws-calls");
    private static final AtomicBoolean RECORDS_CLEARED = new AtomicBoolean();

    private final ByteArrayOutputStream calls = new ByteArrayOutputStream();
    private final PrintStream records;
    private final FakeAccountServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    /** The tfvars, key by key as HCL; tests change or remove entries before writing them. */
    final Map<String, String> tfvars = new LinkedHashMap<>();

    FakeStack() {
        try {
            records = new PrintStream(new FileOutputStream(recordsFile().toFile(), true), true, StandardCharsets.UTF_8);
            server = FakeAccountServer.start(0, Duration.ofMillis(50), new PrintStream(calls, true, StandardCharsets.UTF_8), false, records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tfvars.put("region", "\"eu-west-1\"");
        tfvars.put("name_prefix", "\"costguard-demo\"");
        tfvars.put("budget_limit_amount", "\"20\"");
        tfvars.put("relay_lambda_function_names", "[\"relay-connect\", \"relay-disconnect\", \"relay-default\"]");
        tfvars.put("ec2_instance_id", "\"i-0c0ffee5eed000001\" # the API host");
        tfvars.put("cloudfront_distribution_id", "\"E2DEMO0CDN0001\"");
        tfvars.put("ecs_services", "[\n  { cluster = \"demo-cluster\", service = \"web\" },\n  { cluster = \"demo-cluster\", service = \"api\" },\n]");
        tfvars.put("kill_switch_reserved_concurrency", "10");
        tfvars.put("dry_run", "false");
        tfvars.put("efs_scaler", "{\n  file_system_id = \"fs-0ef5000000000000a\"\n  vpc_id = \"vpc-0ef5000000000000a\"\n"
                + "  create_vpc_endpoints = true\n  target_directory = \"/mnt/efs/data\"\n}");
        tfvars.put("orchestration", "{\n  cluster_arn = \"arn:aws:ecs:eu-west-1:123456789012:cluster/demo-cluster\"\n"
                + "  task_definition_arn = \"arn:aws:ecs:eu-west-1:123456789012:task-definition/nostr-api:1\"\n  container_name = \"api\"\n}");
        // An input this tool has never heard of (the composition grows): left alone.
        tfvars.put("tripwire_thresholds", "{ lambda_invocations = 100000, cloudfront_requests = 2e6 }");
    }

    /** A new file for this account's call records; the first in a test JVM drops the records of an earlier build. */
    private static Path recordsFile() throws IOException {
        if (RECORDS_CLEARED.compareAndSet(false, true) && Files.isDirectory(RECORDS)) {
            try (Stream<Path> old = Files.list(RECORDS)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(RECORDS);
        return Files.createTempFile(RECORDS, "calls-", ".jsonl");
    }

    URI endpoint() {
        return server.endpoint();
    }

    /** The adapters over the fake account, with retries that do not wait. */
    Account account() {
        return DoctorMain.account(new AwsClients(AwsClientSettings.local(endpoint(), 2), new CurrentDeadline(Clock.systemUTC())));
    }

    Path writeTfvars(Path dir) throws IOException {
        StringBuilder text = new StringBuilder("# written by the test\n");
        tfvars.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        return Files.writeString(dir.resolve("terraform.tfvars"), text);
    }

    static Path writeBackend(Path dir, String bucket) throws IOException {
        return Files.writeString(dir.resolve("backend.hcl"), "bucket = \"" + bucket + "\"\nregion = \"eu-west-1\"\n");
    }

    /** Scripts the fake account: /_faults, /_demo/answers, /_demo/lambda-quota, /_demo/untrust-role. */
    void post(String path, String json) {
        send(HttpRequest.newBuilder(endpoint().resolve(path)).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    String get(String path) {
        return send(HttpRequest.newBuilder(endpoint().resolve(path)).GET().build());
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every AWS call the fake account served, one line each. */
    List<String> calls() {
        return calls.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Override
    public void close() {
        server.close();
        records.close();
    }
}
