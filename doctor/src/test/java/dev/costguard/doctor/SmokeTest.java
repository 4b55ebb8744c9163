package dev.costguard.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.report.RunReport;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import dev.costguard.core.time.Deadline;
import dev.costguard.core.time.Sleeper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every smoke step against the fake account: it passes on the sample deployment, and fails on its fault. */
class SmokeTest {

    private static final String FAILING_STATE_MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:costguard-broken-nightly-batch";

    @TempDir
    Path dir;

    private final FakeStack fake = new FakeStack();
    private final SteppingClock clock = new SteppingClock();
    private final Map<String, String> outputs = new LinkedHashMap<>();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void everyTriggerWorksAndOnePassedMessageGoesToSlack() throws IOException {
        RunReport report = smoke();

        assertThat(steps(report).keySet()).containsExactly("credentials", "invoke-shutdown", "invoke-recovery", "invoke-ecs-scheduler",
                "invoke-efs-scaler", "recovery-schedule", "state-machine");
        steps(report).forEach((name, step) -> assertThat(step.status()).as(name + ": " + step.detail()).isEqualTo(StepStatus.SUCCEEDED));
        assertThat(steps(report).get("invoke-shutdown").detail()).isEqualTo("costguard-demo-shutdown:live dry run: overall_success, all 7 phases reported");
        assertThat(report.notification().status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(report.summary()).isEqualTo("smoke test passed: every trigger works in demo");
        String messages = fake.get("/_demo/messages");
        assertThat(messages).contains("arn:aws:sns:eu-west-1:123456789012:costguard-demo-result").contains("Cost Guard smoke: SUCCEEDED")
                .contains("smoke test passed: every trigger works in demo");
        // The one-off schedule: same group, same role, the recovery's alias, its dry run; it fired, then it was gone.
        assertThat(fake.calls()).anyMatch(line -> line.matches("scheduler CreateSchedule costguard-demo-kill-switch/costguard-demo-smoke-\\d+ at\\(.*\\) -> "
                + "arn:aws:lambda:eu-west-1:123456789012:function:costguard-demo-recovery:live as " + FakeStack.RECOVERY_SCHEDULER_ROLE));
        assertThat(fake.calls()).anyMatch(line -> line.startsWith("scheduler DeleteSchedule costguard-demo-kill-switch/costguard-demo-smoke-"));
        assertThat(fake.calls()).anyMatch(line -> line.startsWith("states StartExecution " + "arn:aws:states:eu-west-1:123456789012:stateMachine:"
                + "costguard-demo-nightly-batch {\"dryRun\": true}"));
        assertThat(fake.calls()).anyMatch(line -> line.startsWith("lambda Invoke costguard-demo-shutdown live RequestResponse {\"reason\""));
    }

    @Test
    void aDryRunWhosePhaseFailedFailsItsStepAndTheMessageSaysFailed() throws IOException {
        answer("costguard-demo-shutdown", "{\"function\":\"shutdown\",\"overall_success\":false,\"steps\":["
                + "{\"name\":\"guard\",\"status\":\"SUCCEEDED\"},{\"name\":\"snapshot\",\"status\":\"FAILED\",\"detail\":\"AccessDeniedException\"},"
                + "{\"name\":\"throttle-functions\"},{\"name\":\"drain\"},{\"name\":\"stop-api-service\"},{\"name\":\"stop-instance\"},"
                + "{\"name\":\"disable-distribution\"}]}", null);

        RunReport report = smoke();

        assertThat(steps(report).get("invoke-shutdown").status()).isEqualTo(StepStatus.FAILED);
        assertThat(steps(report).get("invoke-shutdown").detail()).isEqualTo(
                "costguard-demo-shutdown:live dry run: overall_success is false (snapshot: AccessDeniedException)");
        assertThat(steps(report).get("invoke-recovery").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(report.summary()).isEqualTo("smoke test failed in demo: invoke-shutdown");
        assertThat(fake.get("/_demo/messages")).contains("Cost Guard smoke: FAILED").contains("smoke test failed in demo: invoke-shutdown");
    }

    @Test
    void aReportWithoutEveryPhaseFails() throws IOException {
        answer("costguard-demo-ecs-scheduler", "{\"overall_success\":true,\"steps\":[{\"name\":\"guard\"},{\"name\":\"remember\"}]}", null);

        StepResult ecs = steps(smoke()).get("invoke-ecs-scheduler");

        assertThat(ecs.status()).isEqualTo(StepStatus.FAILED);
        assertThat(ecs.detail()).endsWith("phases missing from the report: stop-services");
    }

    @Test
    void aFunctionThatThrowsFailsWithItsErrorMessage() throws IOException {
        answer("costguard-demo-recovery", "{\"errorMessage\":\"Invalid Cost Guard settings: COSTGUARD_HEALTH_URL is required\","
                + "\"errorType\":\"dev.costguard.core.settings.InvalidSettingsException\"}", "Unhandled");

        StepResult recovery = steps(smoke()).get("invoke-recovery");

        assertThat(recovery.status()).isEqualTo(StepStatus.FAILED);
        assertThat(recovery.detail()).isEqualTo("costguard-demo-recovery:live failed (Unhandled): Invalid Cost Guard settings: COSTGUARD_HEALTH_URL is required");
    }

    @Test
    void aFunctionWithoutItsLiveAliasFails() throws IOException {
        fake.post("/_faults", "{\"call\": \"lambda:Invoke\", \"resource\": \"costguard-demo-efs-scaler\", \"error\": {\"status\": 404,"
                + " \"code\": \"ResourceNotFoundException\", \"message\": \"Function not found: costguard-demo-efs-scaler:live\"}}");

        StepResult efs = steps(smoke()).get("invoke-efs-scaler");

        assertThat(efs.status()).isEqualTo(StepStatus.FAILED);
        assertThat(efs.detail()).contains("ResourceNotFoundException");
    }

    @Test
    void aScheduleWhoseRoleSchedulerCannotAssumeNeverFiresAndIsDeleted() throws IOException {
        fake.post("/_demo/untrust-role", "{\"roleArn\": \"" + FakeStack.RECOVERY_SCHEDULER_ROLE + "\"}");

        RunReport report = smoke();

        StepResult schedule = steps(report).get("recovery-schedule");
        assertThat(schedule.status()).isEqualTo(StepStatus.FAILED);
        assertThat(schedule.detail()).contains("did not start the recovery within 180 s")
                .contains("check that role " + FakeStack.RECOVERY_SCHEDULER_ROLE + " trusts scheduler.amazonaws.com");
        String created = fake.calls().stream().filter(l -> l.startsWith("scheduler CreateSchedule ")).findFirst().orElseThrow().split(" ")[2];
        // Scheduler drops a one-off schedule after its last attempt (ActionAfterCompletion DELETE); the smoke test deletes it anyway.
        assertThat(fake.calls()).anyMatch(line -> line.startsWith("scheduler DeleteSchedule " + created));
        assertThat(fake.account().schedules().find("costguard-demo-kill-switch", created.substring("costguard-demo-kill-switch/".length()))).isEmpty();
    }

    @Test
    void withoutOutputsTheOneOffScheduleGoesToTheGroupTerraformGivesTheKillSwitch() throws IOException {
        // The group the kill switch's schedules are in, as terraform/modules/kill-switch names it (not "default").
        String hcl = Files.readString(Path.of("..", "terraform", "modules", "kill-switch", "main.tf"));
        Matcher declared = Pattern.compile("schedule_group_name\\s*=\\s*\"\\$\\{var\\.name_prefix}([^\"]*)\"").matcher(hcl);
        assertThat(declared.find()).as("schedule_group_name in terraform/modules/kill-switch/main.tf").isTrue();
        String group = "costguard-demo" + declared.group(1);

        smoke();

        assertThat(fake.calls()).anyMatch(line -> line.startsWith("scheduler GetSchedule " + group + "/costguard-demo-recovery"));
        assertThat(fake.calls()).anyMatch(line -> line.startsWith("scheduler CreateSchedule " + group + "/costguard-demo-smoke-"));
    }

    @Test
    void aRecoveryScheduleThatIsNotDeployedFails() throws IOException {
        outputs.put("recovery_schedule_name", "costguard-demo-nope");

        StepResult schedule = steps(smoke()).get("recovery-schedule");

        assertThat(schedule.status()).isEqualTo(StepStatus.FAILED);
        assertThat(schedule.detail()).isEqualTo("schedule costguard-demo-kill-switch/costguard-demo-nope does not exist: deploy first (make deploy-env ENV=demo)");
        assertThat(fake.calls()).noneMatch(line -> line.startsWith("scheduler CreateSchedule"));
    }

    @Test
    void aFailedBatchExecutionFailsWithItsErrorAndCause() throws IOException {
        outputs.put("state_machine_arn", FAILING_STATE_MACHINE);

        StepResult batch = steps(smoke()).get("state-machine");

        assertThat(batch.status()).isEqualTo(StepStatus.FAILED);
        assertThat(batch.detail()).endsWith(" FAILED: States.TaskFailed (The batch task exited with code 1)");
    }

    @Test
    void stepsForWhatTheEnvironmentDoesNotDeployAreSkippedWithTheReason() throws IOException {
        fake.tfvars.remove("efs_scaler");
        fake.tfvars.remove("orchestration");

        Map<String, StepResult> steps = steps(smoke());

        assertThat(steps.get("invoke-efs-scaler").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(steps.get("invoke-efs-scaler").detail()).isEqualTo("efs_scaler is not set: no such function");
        assertThat(steps.get("state-machine").status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void aFailedPublishIsReportedAndTheExitStatusIsOne() throws IOException {
        fake.post("/_faults", "{\"call\": \"sns:Publish\", \"error\": {\"status\": 403, \"code\": \"AuthorizationError\","
                + " \"message\": \"not authorized to perform: SNS:Publish\"}}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = DoctorMain.execute(inputs(), fake.account(), clock, clock::sleep, deadline(), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(status).isEqualTo(1);
        assertThat(lines).anyMatch(l -> l.startsWith("PASS  invoke-shutdown "));
        assertThat(lines).anyMatch(l -> l.startsWith("FAIL  notify ") && l.contains("AuthorizationError"));
        assertThat(lines).contains("smoke test passed: every trigger works in demo");
    }

    private void answer(String function, String payload, String functionError) {
        String json = "{\"function\": \"" + function + "\", \"payload\": " + quote(payload)
                + (functionError == null ? "" : ", \"functionError\": \"" + functionError + "\"") + "}";
        fake.post("/_demo/answers", json);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private RunReport smoke() throws IOException {
        DoctorMain.Inputs inputs = inputs();
        return new Smoke(fake.account(), inputs.stack(), inputs.outputs(), "demo", inputs.settings().events(), inputs.settings(), clock,
                clock::sleep, deadline()).run();
    }

    private DoctorMain.Inputs inputs() throws IOException {
        Path tfvars = fake.writeTfvars(dir);
        List<String> args = new ArrayList<>(Arrays.asList("smoke", "--env", "demo", "--tfvars", tfvars.toString(), "--events", "../events",
                "--schedule-lead-seconds", "0"));
        if (!outputs.isEmpty()) {
            StringBuilder json = new StringBuilder("{");
            outputs.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append(quote(k))
                    .append(": {\"sensitive\": false, \"type\": \"string\", \"value\": ").append(quote(v)).append('}'));
            args.addAll(List.of("--outputs", Files.writeString(dir.resolve("outputs.json"), json.append('}')).toString()));
        }
        return DoctorMain.Inputs.read(args, Map.of());
    }

    private Deadline deadline() {
        return Deadline.fromRemaining(clock, Duration.ofMinutes(25), Duration.ofSeconds(10));
    }

    private static Map<String, StepResult> steps(RunReport report) {
        Map<String, StepResult> byName = new LinkedHashMap<>();
        report.steps().forEach(step -> byName.put(step.name(), step));
        return byName;
    }

    /**
     * The wall clock plus every wait the run asked for, which passes at once: the fake account (on the real clock)
     * sees a one-off schedule due as soon as it is created with no lead, and a wait that never ends runs out at once.
     */
    static final class SteppingClock extends Clock implements Sleeper {
        private Duration slept = Duration.ZERO;

        @Override
        public synchronized void sleep(Duration duration) {
            slept = slept.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            return Instant.now().plus(slept);
        }
    }
}
