package dev.costguard.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.time.Deadline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every doctor check against the fake account: it passes on the sample deployment, and fails (or warns) on its fault. */
class DoctorChecksTest {

    @TempDir
    Path dir;

    private final FakeStack fake = new FakeStack();
    private Optional<String> bucket = Optional.of("costguard-demo-state");
    private Optional<String> shellRegion = Optional.empty();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void everyCheckPassesOnAHealthyAccountAndTheApiUnitIsSkippedWithItsReason() throws IOException {
        Map<String, CheckResult> results = doctor();

        assertThat(results.keySet()).containsExactly("credentials", "lambda-concurrency", "relay-functions", "instance", "ssm-agent",
                "api-service", "distribution", "ecs-services", "file-system", "vpc-endpoints", "budget-spend", "state-bucket",
                "batch-task-definition");
        results.forEach((name, result) -> assertThat(result.verdict()).as(name + ": " + result.detail())
                .isEqualTo(name.equals("api-service") ? Verdict.SKIP : Verdict.PASS));
        assertThat(results.get("credentials").detail()).isEqualTo("arn:aws:iam::123456789012:user/deployer in account 123456789012, region eu-west-1");
        assertThat(results.get("lambda-concurrency").detail()).startsWith("limit 1000, unreserved 990, this deploy reserves 10");
        assertThat(results.get("api-service").detail()).contains("only a command on the host (SSM SendCommand) can tell")
                .contains("systemctl status nostr-api");
        assertThat(results.get("budget-spend").detail()).isEqualTo("month-to-date 3.12 USD against the limit 20 (costguard-demo-monthly-cost)");
    }

    @Test
    void expiredCredentialsFailAndTheBudgetIsNotReadWithoutAnAccount() throws IOException {
        fake.post("/_faults", "{\"call\": \"sts:GetCallerIdentity\", \"error\": {\"status\": 403, \"code\": \"ExpiredToken\","
                + " \"message\": \"The security token included in the request is expired\"}}");

        Map<String, CheckResult> results = doctor();

        assertThat(results.get("credentials").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(results.get("credentials").detail()).contains("ExpiredToken");
        assertThat(results.get("credentials").fix()).contains("aws sso login");
        assertThat(results.get("budget-spend").verdict()).isEqualTo(Verdict.SKIP);
    }

    @Test
    void aDeniedReadNamesThePermissionTheDeployerNeeds() throws IOException {
        fake.post("/_faults", "{\"call\": \"ssm:DescribeInstanceInformation\", \"error\": {\"status\": 400, \"code\": \"AccessDeniedException\","
                + " \"message\": \"not authorized to perform: ssm:DescribeInstanceInformation\"}}");

        CheckResult ssm = doctor().get("ssm-agent");

        assertThat(ssm.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(ssm.fix()).isEqualTo("the deployer's credentials may not call DescribeInstanceInformation: add it (docs/doctor-policy.json)");
    }

    @Test
    void aShellRegionOtherThanTheStacksIsAWarning() throws IOException {
        shellRegion = Optional.of("us-east-1");

        CheckResult credentials = doctor().get("credentials");

        assertThat(credentials.verdict()).isEqualTo(Verdict.WARN);
        assertThat(credentials.fix()).contains("the stack deploys to eu-west-1");
    }

    @Test
    void aQuotaOfTenCannotHoldTheReservationTheDeployAsksFor() throws IOException {
        // https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html: 100 must stay unreserved.
        fake.post("/_demo/lambda-quota", "{\"concurrencyLimit\": 10}");

        CheckResult quota = doctor().get("lambda-concurrency");

        assertThat(quota.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(quota.detail()).startsWith("limit 10, unreserved 0, this deploy reserves 10 {kill_switch_reserved_concurrency=10}")
                .contains("would leave -10 unreserved");
        assertThat(quota.fix()).contains("Service Quotas").contains("kill_switch_reserved_concurrency");
    }

    @Test
    void aSmallQuotaWithoutReservationsIsAWarning() throws IOException {
        fake.post("/_demo/lambda-quota", "{\"concurrencyLimit\": 400}");
        fake.tfvars.put("kill_switch_reserved_concurrency", "null");

        CheckResult quota = doctor().get("lambda-concurrency");

        assertThat(quota.verdict()).isEqualTo(Verdict.WARN);
        assertThat(quota.detail()).contains("this deploy reserves 0:");
    }

    @Test
    void anUnsetKillSwitchReservationCountsAsTheStacksDefaultAndTheScalersReservationCounts() throws IOException {
        // terraform/stack/variables.tf: kill_switch_reserved_concurrency defaults to 1.
        fake.post("/_demo/lambda-quota", "{\"concurrencyLimit\": 10}");
        fake.tfvars.remove("kill_switch_reserved_concurrency");
        fake.tfvars.put("efs_scaler", fake.tfvars.get("efs_scaler").replaceFirst("\\{\n", "{\n  reserved_concurrent_executions = 2\n"));

        CheckResult quota = doctor().get("lambda-concurrency");

        assertThat(quota.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(quota.detail()).contains("this deploy reserves 3 {kill_switch_reserved_concurrency (stack default)=1, "
                + "efs_scaler.reserved_concurrent_executions=2}");
    }

    @Test
    void aRelayFunctionThatDoesNotExistFails() throws IOException {
        fake.tfvars.put("relay_lambda_function_names", "[\"relay-connect\", \"relay-conect\"]");

        CheckResult relays = doctor().get("relay-functions");

        assertThat(relays.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(relays.detail()).isEqualTo("relay-conect does not exist");
    }

    @Test
    void aMistypedInstanceFailsBothTheInstanceAndTheSsmCheck() throws IOException {
        fake.tfvars.put("ec2_instance_id", "\"i-0c0ffee5eed000009\"");

        Map<String, CheckResult> results = doctor();

        assertThat(results.get("instance").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(results.get("instance").detail()).contains("i-0c0ffee5eed000009");
        assertThat(results.get("instance").fix()).contains("ec2_instance_id");
        assertThat(results.get("ssm-agent").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(results.get("ssm-agent").detail()).isEqualTo("i-0c0ffee5eed000009 is not managed by SSM (DescribeInstanceInformation does not list it)");
    }

    @Test
    void anInstanceWhoseAgentLostTouchFailsTheSsmCheck() throws IOException {
        fake.tfvars.put("ec2_instance_id", "\"i-0c0ffee5eed000002\"");

        CheckResult ssm = doctor().get("ssm-agent");

        assertThat(ssm.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(ssm.detail()).isEqualTo("i-0c0ffee5eed000002 is managed by SSM but ConnectionLost");
        assertThat(ssm.fix()).contains("AmazonSSMManagedInstanceCore");
    }

    @Test
    void aMistypedDistributionFails() throws IOException {
        fake.tfvars.put("cloudfront_distribution_id", "\"E2DEMO0CDN0009\"");

        CheckResult distribution = doctor().get("distribution");

        assertThat(distribution.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(distribution.detail()).contains("NoSuchDistribution");
    }

    @Test
    void anEcsServiceThatDoesNotExistFails() throws IOException {
        fake.tfvars.put("ecs_services", "[{ cluster = \"demo-cluster\", service = \"web\" }, { cluster = \"demo-cluster\", service = \"ghost\" }]");

        CheckResult services = doctor().get("ecs-services");

        assertThat(services.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(services.detail()).contains("ghost");
    }

    @Test
    void aFileSystemThatDoesNotExistFails() throws IOException {
        fake.tfvars.put("efs_scaler", "{ file_system_id = \"fs-0ef500000000000ff\", vpc_id = \"vpc-0ef5000000000000a\" }");

        CheckResult fileSystem = doctor().get("file-system");

        assertThat(fileSystem.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(fileSystem.detail()).contains("FileSystemNotFound");
    }

    @Test
    void anExistingEndpointWithPrivateDnsFailsWhenTheModuleWouldCreateOne() throws IOException {
        fake.tfvars.put("efs_scaler", "{ file_system_id = \"fs-0ef5000000000000a\", vpc_id = \"vpc-0de0fa017c0a0000a\", create_vpc_endpoints = true }");

        CheckResult endpoints = doctor().get("vpc-endpoints");

        assertThat(endpoints.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(endpoints.detail()).contains("ssm (vpce-0de0fa017c0a0001a)");
        assertThat(endpoints.fix()).contains("create_vpc_endpoints = false");
    }

    @Test
    void anExistingEndpointIsAWarningWhenTheModuleDefaultDecidesAndFineWhenNoneAreCreated() throws IOException {
        fake.tfvars.put("efs_scaler", "{ file_system_id = \"fs-0ef5000000000000a\", vpc_id = \"vpc-0de0fa017c0a0000a\" }");
        assertThat(doctor().get("vpc-endpoints").verdict()).isEqualTo(Verdict.WARN);

        fake.tfvars.put("efs_scaler", "{ file_system_id = \"fs-0ef5000000000000a\", vpc_id = \"vpc-0de0fa017c0a0000a\", create_vpc_endpoints = false }");
        assertThat(doctor().get("vpc-endpoints").verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void spendAlreadyOverTheLimitWarnsThatArmingFiresAtTheNextRefresh() throws IOException {
        fake.tfvars.put("name_prefix", "\"costguard-over\"");

        CheckResult spend = doctor().get("budget-spend");

        assertThat(spend.verdict()).isEqualTo(Verdict.WARN);
        assertThat(spend.detail()).startsWith("month-to-date 27.40 USD against the limit 20").contains("next Budgets refresh");
    }

    @Test
    void anArmedFirstDeployWithoutABudgetYetWarns() throws IOException {
        fake.tfvars.put("name_prefix", "\"costguard-new\"");

        CheckResult spend = doctor().get("budget-spend");

        assertThat(spend.verdict()).isEqualTo(Verdict.WARN);
        assertThat(spend.fix()).contains("dry_run = true");
    }

    @Test
    void aStateBucketThatIsNotVersionedNorBlockedFails() throws IOException {
        bucket = Optional.of("costguard-open-state");

        CheckResult state = doctor().get("state-bucket");

        assertThat(state.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(state.detail()).isEqualTo("costguard-open-state: versioning is off, public access is not fully blocked");
        assertThat(state.fix()).contains("put-bucket-versioning").contains("put-public-access-block");
    }

    @Test
    void aStateBucketThatDoesNotExistFailsAndLocalStateIsSkipped() throws IOException {
        bucket = Optional.of("costguard-missing-state");
        assertThat(doctor().get("state-bucket").detail()).isEqualTo("bucket costguard-missing-state does not exist");

        bucket = Optional.empty();
        assertThat(doctor().get("state-bucket").verdict()).isEqualTo(Verdict.SKIP);
    }

    @Test
    void aReusedTaskDefinitionWithAnEntryPointAndNoPasswordFails() throws IOException {
        fake.tfvars.put("orchestration", "{ task_definition_arn = \"arn:aws:ecs:eu-west-1:123456789012:task-definition/nostr-api-legacy:1\","
                + " container_name = \"api\" }");

        CheckResult batch = doctor().get("batch-task-definition");

        assertThat(batch.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(batch.detail()).contains("it sets ENTRYPOINT [/bin/sh, -c]").contains("it is not given DB_NAME, DB_USER, DB_PASSWORD");
    }

    @Test
    void aContainerNameTheTaskDefinitionDoesNotHaveFails() throws IOException {
        fake.tfvars.put("orchestration", "{ task_definition_arn = \"arn:aws:ecs:eu-west-1:123456789012:task-definition/nostr-api:1\","
                + " container_name = \"worker\" }");

        CheckResult batch = doctor().get("batch-task-definition");

        assertThat(batch.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(batch.detail()).contains("has no container 'worker' (it has [api])");
    }

    @Test
    void checksReachedAfterTheDeadlineFailAsNotChecked() throws IOException {
        Clock stopped = Clock.fixed(Instant.parse("2026-12-02T15:00:00Z"), ZoneOffset.UTC);

        Map<String, CheckResult> results = doctor(Deadline.fromRemaining(stopped, Duration.ZERO, Duration.ZERO));

        assertThat(results.values()).allSatisfy(r -> {
            if (!r.name().equals("api-service")) {
                assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
                assertThat(r.detail()).startsWith("not checked: no time left");
            }
        });
        assertThat(fake.calls()).isEmpty();
    }

    @Test
    void theTablePrintsOneLinePerCheckWithTheFixAndTheExitStatusIsOneOnAFail() throws IOException {
        fake.tfvars.put("cloudfront_distribution_id", "\"E2DEMO0CDN0009\"");
        Path tfvars = fake.writeTfvars(dir);
        DoctorMain.Inputs inputs = DoctorMain.Inputs.read(List.of("doctor", "--env", "demo", "--tfvars", tfvars.toString()), Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = DoctorMain.execute(inputs, fake.account(), Clock.systemUTC(), d -> { }, Deadline.fromRemaining(Clock.systemUTC(),
                Duration.ofSeconds(60), Duration.ZERO), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8));

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(status).isEqualTo(1);
        assertThat(lines.get(0)).isEqualTo("Cost Guard doctor: demo (" + tfvars + ", region eu-west-1)");
        assertThat(lines).anyMatch(l -> l.matches("FAIL  distribution +NoSuchDistribution.*|FAIL  distribution +GetDistributionConfig.*"));
        assertThat(lines).anyMatch(l -> l.strip().startsWith("fix: set cloudfront_distribution_id in " + tfvars));
        assertThat(lines).anyMatch(l -> l.startsWith("PASS  instance "));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("doctor: 10 passed, 0 warning(s), 1 failed, 2 skipped");
    }

    @Test
    void theDemosOwnEnvironmentShowsTheTableTheReadmeShows() throws IOException {
        // demo/doctor-demo.sh (make demo, step 5) reads these files; a fresh clone must have them.
        Path tfvars = Path.of("..", "demo", "doctor", "terraform.tfvars");
        Path backend = Path.of("..", "demo", "doctor", "backend.hcl");
        assertThat(tfvars).as("demo/doctor/terraform.tfvars (committed: .gitignore makes an exception for it)").isRegularFile();
        DoctorMain.Inputs inputs = DoctorMain.Inputs.read(List.of("doctor", "--env", "demo", "--tfvars", tfvars.toString(),
                "--backend", backend.toString()), Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = DoctorMain.execute(inputs, fake.account(), Clock.systemUTC(), d -> { }, Deadline.fromRemaining(Clock.systemUTC(),
                Duration.ofSeconds(60), Duration.ZERO), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8));

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(status).as(String.join("\n", lines)).isZero();
        assertThat(lines).anyMatch(l -> l.startsWith("WARN  vpc-endpoints ") && l.contains("private DNS for ssm"));
        assertThat(lines).anyMatch(l -> l.startsWith("PASS  state-bucket           costguard-demo-state exists"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("doctor: 11 passed, 1 warning(s), 0 failed, 1 skipped");
    }

    private Map<String, CheckResult> doctor() throws IOException {
        return doctor(Deadline.fromRemaining(Clock.systemUTC(), Duration.ofSeconds(60), Duration.ZERO));
    }

    private Map<String, CheckResult> doctor(Deadline deadline) throws IOException {
        Path tfvars = fake.writeTfvars(dir);
        List<String> args = new ArrayList<>(List.of("doctor", "--env", "demo", "--tfvars", tfvars.toString()));
        if (bucket.isPresent()) {
            args.addAll(List.of("--backend", FakeStack.writeBackend(dir, bucket.get()).toString()));
        }
        DoctorMain.Inputs inputs = DoctorMain.Inputs.read(args, Map.of());
        Map<String, CheckResult> byName = new LinkedHashMap<>();
        new Doctor(fake.account(), inputs.stack(), tfvars.toString(), inputs.stateBucket(), shellRegion, deadline).run()
                .forEach(r -> byName.put(r.name(), r));
        return byName;
    }
}
