package dev.costguard.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strict readers: the tfvars subset of HCL, the tfvars' keys by name, and the command line. */
class InputsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheLiteralsATfvarsFileHoldsWithCommentsAndTrailingCommas() {
        Map<String, Object> vars = Tfvars.parse("t.tfvars", """
                # a comment
                region = "ap-northeast-1" // another
                /* a block
                   comment */
                budget_limit_amount = "20"
                reserved = 5
                ratio    = 2.5e1
                dry_run  = true
                nothing  = null
                names = [
                  "a",
                  "b\\"c",
                ]
                ecs_services = [{ cluster = "c1", service = "s1" }, { "cluster" : "c2", service = "s2" }]
                literal = "$${not a template}"
                """);

        assertThat(vars).containsEntry("region", "ap-northeast-1").containsEntry("budget_limit_amount", "20")
                .containsEntry("reserved", new BigDecimal("5")).containsEntry("ratio", new BigDecimal("2.5e1"))
                .containsEntry("dry_run", true).containsEntry("nothing", null).containsEntry("names", List.of("a", "b\"c"))
                .containsEntry("literal", "${not a template}");
        assertThat(vars.get("ecs_services")).isEqualTo(List.of(Map.of("cluster", "c1", "service", "s1"), Map.of("cluster", "c2", "service", "s2")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "region = var.other|t.tfvars:1:10: 'var' is not a literal value (expressions and function calls are not allowed in a tfvars file)",
        "names = concat([\"a\"])|t.tfvars:1:9: 'concat' is not a literal value (expressions and function calls are not allowed in a tfvars file)",
        "url = \"http://${host}\"|t.tfvars:1:15: templates (${...}) are not allowed in a tfvars value; write $${ for a literal ${",
        "text = <<EOT|t.tfvars:1:8: heredoc strings are not supported here: write the value as one quoted string",
        "region = \"a\"\\nregion = \"b\"|t.tfvars:2:1: 'region' is set twice (Terraform refuses a duplicate variable)",
        "names = [\"a\" \"b\"]|t.tfvars:1:14: expected ',' or ']' in a list",
        "region = \"open|t.tfvars:1:10: a string is not closed on its line",
        "= 1|t.tfvars:1:1: expected a variable name",
    })
    void anythingButALiteralIsRefusedWithFileLineAndColumn(String text, String message) {
        assertThatThrownBy(() -> Tfvars.parse("t.tfvars", text.replace("\\n", "\n")))
                .isInstanceOf(Tfvars.SyntaxException.class).hasMessage(message);
    }

    @Test
    void knownKeysOfTheWrongShapeAreNamedAndUnknownKeysAreLeftAlone() {
        List<String> problems = new ArrayList<>();
        StackInputs inputs = StackInputs.read(Tfvars.parse("t.tfvars", """
                relay_lambda_function_names = "relay-connect"
                ec2_instance_id = "i-0123456789abcdef0"
                cloudfront_distribution_id = 42
                dry_run = "false"
                kill_switch_reserved_concurrency = 1.5
                ecs_services = [{ cluster = "c" }]
                api_service_name = "relay-api"
                thresholds = { lambda_invocations = 1000 }
                schedules = { recovery = "cron(5 0 1 * ? *)" }
                """), "dev", problems);

        assertThat(problems).containsExactly(
                "relay_lambda_function_names must be a list of quoted strings (e.g. [\"a\", \"b\"]), got \"relay-connect\"",
                "cloudfront_distribution_id must be a non-empty quoted string, got 42",
                "ecs_services entries must be { cluster = \"...\", service = \"...\" }, got an object",
                "dry_run must be true or false, got \"false\"",
                "kill_switch_reserved_concurrency must be a whole number of 0 or more, got 1.5");
        assertThat(inputs.apiServiceName()).isEqualTo("relay-api");
        assertThat(inputs.namePrefix()).isEqualTo("costguard-dev");
        assertThat(inputs.region()).isEqualTo(StackInputs.DEFAULT_REGION);
    }

    @Test
    void everyReservationKeyCountsTowardsTheQuota() {
        StackInputs inputs = StackInputs.read(Tfvars.parse("t.tfvars", """
                relay_lambda_function_names = ["a"]
                ec2_instance_id = "i-0123456789abcdef0"
                cloudfront_distribution_id = "E2EXAMPLE0DEV1"
                kill_switch_reserved_concurrency = 5
                recovery_reserved_concurrency = null
                efs_scaler = { file_system_id = "fs-1", vpc_id = "vpc-1", reserved_concurrent_executions = 1 }
                """), "dev", new ArrayList<>());

        // The efs_scaler object's field as terraform/stack/variables.tf names it.
        assertThat(inputs.reservations()).containsExactly(Map.entry("kill_switch_reserved_concurrency", 5),
                Map.entry("efs_scaler.reserved_concurrent_executions", 1));
        assertThat(inputs.reservedTotal()).isEqualTo(6);
    }

    @Test
    void everyCommandLineProblemIsNamedAtOnce() {
        assertThatThrownBy(() -> ToolSettings.parse(List.of("doctr", "--env", "Dev", "--tfvars", dir.resolve("none").toString(),
                "--color", "--timeout-seconds", "0")))
                .isInstanceOfSatisfying(ToolSettings.InvalidCommandLineException.class, e -> assertThat(e.problems()).containsExactly(
                        "'doctr' is not a command: doctor or smoke",
                        "--color is not an option (options: --env, --tfvars, --backend, --outputs, --events, --timeout-seconds,"
                                + " --schedule-wait-seconds, --schedule-lead-seconds, --poll-seconds, --execution-wait-seconds)",
                        "--env 'Dev' is not an environment name (lower-case letters, digits, '-')",
                        "--tfvars '" + dir.resolve("none") + "' is not a file (its terraform.tfvars)",
                        "--timeout-seconds 0 is out of range [1, 3600]"));
    }

    @Test
    void badInputsExitWithStatusTwoBeforeAnyAwsCall() throws IOException {
        Path tfvars = Files.writeString(dir.resolve("terraform.tfvars"), "relay_lambda_function_names = [\"a\"]\nec2_instance_id = true\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (FakeStack fake = new FakeStack()) {
            int status = DoctorMain.run(List.of("doctor", "--env", "dev", "--tfvars", tfvars.toString()),
                    Map.of("COSTGUARD_AWS_ENDPOINT_URL", fake.endpoint().toString()), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(status).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("doctor: " + tfvars + ": ec2_instance_id must be a non-empty quoted string, got true")
                    .contains("doctor: " + tfvars + ": cloudfront_distribution_id is required (a quoted string)");
            assertThat(fake.calls()).isEmpty();
        }
    }

    @Test
    void aMalformedEndpointIsNamedByItsVariable() throws IOException {
        Path tfvars = Files.writeString(dir.resolve("terraform.tfvars"),
                "relay_lambda_function_names = [\"a\"]\nec2_instance_id = \"i-0123456789abcdef0\"\ncloudfront_distribution_id = \"E2EXAMPLE0DEV1\"\n");

        assertThatThrownBy(() -> DoctorMain.Inputs.read(List.of("doctor", "--env", "dev", "--tfvars", tfvars.toString()),
                Map.of("COSTGUARD_AWS_ENDPOINT_URL", "localhost:4566")))
                .hasMessage("COSTGUARD_AWS_ENDPOINT_URL 'localhost:4566' is not an absolute http(s) URL (e.g. http://127.0.0.1:4566)");
    }
}
