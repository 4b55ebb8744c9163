package dev.costguard.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.contract.Repo.FunctionModule;
import dev.costguard.core.settings.InvalidSettingsException;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One table of boundary probes (min - 1, min, max, max + 1, a bad value) for every bounded or patterned setting,
 * driven through the function's own settings reader and through the Terraform module's variable validation. Both
 * must accept min and max and refuse the rest; a drift on either side (a range, a pattern) fails here.
 *
 * <p>Terraform runs once per module, offline, on a scratch configuration holding only the module's variable blocks
 * (their validations are the contract): one generated test file per probe, so one refusal cannot skip the others.
 * Without terraform on the PATH the test fails, unless SKIP_TERRAFORM=1 is set on purpose.
 */
class SettingValuesContractTest {

    enum Shape { NUMBER, STRING, LIST, SERVICES }

    /** A setting: the function whose reader checks it, the module variable that sets it, and the probes. */
    record Setting(String function, String module, String variable, String env, Shape shape, String belowMin,
            String min, String max, String aboveMax, String bad) {

        List<Probe> probes() {
            List<Probe> probes = new ArrayList<>();
            add(probes, "min-1", belowMin, false);
            add(probes, "min", min, true);
            add(probes, "max", max, true);
            add(probes, "max+1", aboveMax, false);
            add(probes, "bad", bad, false);
            return probes;
        }

        private void add(List<Probe> probes, String column, String value, boolean accepted) {
            if (value != null) {
                probes.add(new Probe(this, column, value, accepted));
            }
        }
    }

    record Probe(Setting setting, String column, String value, boolean expectedAccepted) {
        @Override
        public String toString() {
            String shown = value.length() > 24 ? value.substring(0, 12) + "…(" + value.length() + " chars)" : value;
            return setting.function + " " + setting.variable + " " + column + " '" + shown + "'";
        }
    }

    static String repeat(String s, int n) {
        return s.repeat(n);
    }

    static final List<Setting> TABLE = List.of(
            new Setting("shutdown-fn", "kill-switch", "drain_seconds", "COSTGUARD_DRAIN_SECONDS", Shape.NUMBER,
                    "-1", "0", "120", "121", "1.5"),
            new Setting("shutdown-fn", "kill-switch", "command_timeout_seconds", "COSTGUARD_COMMAND_TIMEOUT_SECONDS",
                    Shape.NUMBER, "0", "1", "150", "151", "1.5"),
            new Setting("shutdown-fn", "kill-switch", "rate_limit_per_second", "COSTGUARD_RATE_LIMIT_PER_SECOND",
                    Shape.NUMBER, "0", "1", "15", "16", "1.5"),
            new Setting("shutdown-fn", "kill-switch", "pool_size", "COSTGUARD_POOL_SIZE", Shape.NUMBER,
                    "0", "1", "32", "33", "1.5"),
            // No min-1 probe: an empty variable is an unset one for SmallRye (the default applies), while
            // Terraform never sends one; the 128-character maximum and the pattern are what must agree.
            new Setting("shutdown-fn", "kill-switch", "api_service_name", "COSTGUARD_SERVICE_NAME", Shape.STRING,
                    null, "a", repeat("a", 128), repeat("a", 129), "nostr:api"),
            new Setting("shutdown-fn", "kill-switch", "ec2_instance_id", "COSTGUARD_INSTANCE_ID", Shape.STRING,
                    "i-0123456", "i-01234567", "i-0123456789abcdef0", "i-0123456789abcdef01", "i-0123456G"),
            new Setting("recovery-fn", "kill-switch", "ec2_instance_id", "COSTGUARD_INSTANCE_ID", Shape.STRING,
                    null, null, null, null, "i-012345678"),
            new Setting("shutdown-fn", "kill-switch", "cloudfront_distribution_id", "COSTGUARD_DISTRIBUTION_ID",
                    Shape.STRING, "E123456", "E2345678", "E" + repeat("1", 19), "E" + repeat("1", 20), "E2ABCDEf"),
            new Setting("recovery-fn", "kill-switch", "cloudfront_distribution_id", "COSTGUARD_DISTRIBUTION_ID",
                    Shape.STRING, "E123456", "E2345678", "E" + repeat("1", 19), "E" + repeat("1", 20), "E2ABC-EF"),
            new Setting("shutdown-fn", "kill-switch", "relay_lambda_function_names", "COSTGUARD_FUNCTION_NAMES",
                    Shape.LIST, "", "a", repeat("f", 64), repeat("f", 65), "relay.fn"),
            new Setting("recovery-fn", "kill-switch", "health_attempts", "COSTGUARD_HEALTH_ATTEMPTS", Shape.NUMBER,
                    "0", "1", "20", "21", "1.5"),
            new Setting("recovery-fn", "kill-switch", "health_interval_seconds", "COSTGUARD_HEALTH_INTERVAL_SECONDS",
                    Shape.NUMBER, "-1", "0", "60", "61", "1.5"),
            new Setting("recovery-fn", "kill-switch", "start_timeout_seconds", "COSTGUARD_START_TIMEOUT_SECONDS",
                    Shape.NUMBER, "9", "10", "600", "601", "1.5"),
            new Setting("recovery-fn", "kill-switch", "rate_limit_per_second", "COSTGUARD_RATE_LIMIT_PER_SECOND",
                    Shape.NUMBER, "0", "1", "15", "16", null),
            new Setting("recovery-fn", "kill-switch", "pool_size", "COSTGUARD_POOL_SIZE", Shape.NUMBER,
                    "0", "1", "32", "33", null),
            new Setting("ecs-scheduler-fn", "ecs-scheduler", "default_desired_count",
                    "COSTGUARD_DEFAULT_DESIRED_COUNT", Shape.NUMBER, "-1", "0", "1000", "1001", "1.5"),
            new Setting("ecs-scheduler-fn", "ecs-scheduler", "services", "COSTGUARD_SERVICES", Shape.SERVICES,
                    "", "c", repeat("c", 255), repeat("c", 256), "c.1"),
            new Setting("ecs-scheduler-fn", "ecs-scheduler", "skip_dates", "COSTGUARD_SKIP_DATES", Shape.LIST,
                    null, null, null, null, "2026-02-30"),
            new Setting("efs-scaler-fn", "efs-scaler", "file_count_threshold", "COSTGUARD_FILE_COUNT_THRESHOLD",
                    Shape.NUMBER, "0", "1", "2147483647", "2147483648", "1.5"),
            new Setting("efs-scaler-fn", "efs-scaler", "poll_interval_seconds", "COSTGUARD_POLL_INTERVAL_SECONDS",
                    Shape.NUMBER, "0", "1", "60", "61", "1.5"),
            // An absolute path outside /mnt/efs is refused by Terraform only: the function's own check cannot
            // know the mount point (the tests and the demo count a local directory), so only a relative path is a
            // probe both refuse.
            new Setting("efs-scaler-fn", "efs-scaler", "target_directory", "COSTGUARD_TARGET_DIRECTORY", Shape.STRING,
                    null, "/mnt/efs", "/mnt/efs/uploads/" + repeat("d", 200), null, "mnt/efs/uploads"),
            new Setting("efs-scaler-fn", "efs-scaler", "count_mode", "COSTGUARD_COUNT_MODE", Shape.STRING,
                    null, "entries", "regular-files", null, "files"),
            new Setting("efs-scaler-fn", "efs-scaler", "file_system_id", "COSTGUARD_FILE_SYSTEM_ID", Shape.STRING,
                    "fs-0123456", "fs-01234567", "fs-" + repeat("a", 40), "fs-" + repeat("a", 41), "fs-0123456G"),
            new Setting("efs-scaler-fn", "efs-scaler", "vpc_id", "COSTGUARD_VPC_ID", Shape.STRING,
                    "vpc-0123456", "vpc-01234567", "vpc-" + repeat("b", 17), "vpc-" + repeat("b", 18), "vpc-0123456Z"),
            new Setting("efs-scaler-fn", "efs-scaler", "mount_target_security_group_ids",
                    "COSTGUARD_SECURITY_GROUP_IDS", Shape.LIST, "sg-0123456", "sg-01234567", "sg-" + repeat("c", 17),
                    "sg-" + repeat("c", 18), "sg-0123 4567"),
            new Setting("efs-scaler-fn", "efs-scaler", "mount_target_subnet_ids", "COSTGUARD_SUBNET_IDS", Shape.LIST,
                    "subnet-0123456", "subnet-01234567", "subnet-" + repeat("d", 17), "subnet-" + repeat("d", 18),
                    "subnet-ABCDEF01"),
            // ECS names: "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens"
            // (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html, clusterName, and
            // API_CreateService.html, serviceName).
            new Setting("efs-scaler-fn", "efs-scaler", "ecs_cluster_name", "COSTGUARD_ECS_CLUSTER", Shape.STRING,
                    null, "c", repeat("c", 255), repeat("c", 256), "my cluster"),
            new Setting("efs-scaler-fn", "efs-scaler", "ecs_service_name", "COSTGUARD_ECS_SERVICE", Shape.STRING,
                    null, "s", repeat("s", 255), repeat("s", 256), "web.api"),
            // SSM parameter names: a-zA-Z0-9_.- with / between levels, at most 1011 characters (the API's 2048 less
            // 1037 kept for internal use; https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html).
            new Setting("efs-scaler-fn", "efs-scaler", "parked_parameter_name", "COSTGUARD_PARKED_PARAMETER",
                    Shape.STRING, null, "/p", "/" + repeat("p", 1010), "/" + repeat("p", 1011), "/cost-guard//parked"));

    /** A valid setting for every required variable, per function (the probes change one at a time). */
    static final Map<String, Map<String, String>> BASE_ENV = Map.of(
            "shutdown-fn", Map.of(
                    "COSTGUARD_FUNCTION_NAMES", "relay-a",
                    "COSTGUARD_INSTANCE_ID", "i-0123456789abcdef0",
                    "COSTGUARD_DISTRIBUTION_ID", "E2EXAMPLE0TEST",
                    "COSTGUARD_ALERT_TOPIC_ARN", "arn:aws:sns:ap-northeast-1:123456789012:alert",
                    "COSTGUARD_RESULT_TOPIC_ARN", "arn:aws:sns:ap-northeast-1:123456789012:result",
                    "COSTGUARD_SNAPSHOT_PARAMETER", "/cost-guard/test/snapshot",
                    "COSTGUARD_PARKED_PARAMETER", "/cost-guard/test/parked"),
            "recovery-fn", Map.of(
                    "COSTGUARD_FUNCTION_NAMES", "relay-a",
                    "COSTGUARD_INSTANCE_ID", "i-0123456789abcdef0",
                    "COSTGUARD_DISTRIBUTION_ID", "E2EXAMPLE0TEST",
                    "COSTGUARD_RESULT_TOPIC_ARN", "arn:aws:sns:ap-northeast-1:123456789012:result",
                    "COSTGUARD_SNAPSHOT_PARAMETER", "/cost-guard/test/snapshot",
                    "COSTGUARD_HEALTH_URL", "http://{privateIp}:8080/health",
                    "COSTGUARD_PARKED_PARAMETER", "/cost-guard/test/parked"),
            "ecs-scheduler-fn", Map.of(
                    "COSTGUARD_SERVICES", "c/s",
                    "COSTGUARD_SNAPSHOT_PARAMETER", "/cost-guard/test/ecs"),
            "efs-scaler-fn", Map.of(
                    "COSTGUARD_TARGET_DIRECTORY", "/mnt/efs/uploads",
                    "COSTGUARD_FILE_COUNT_THRESHOLD", "1000",
                    "COSTGUARD_FILE_SYSTEM_ID", "fs-0123456789abcdef0",
                    "COSTGUARD_VPC_ID", "vpc-0123456789abcdef0",
                    "COSTGUARD_SECURITY_GROUP_IDS", "sg-0123456789abcdef0",
                    "COSTGUARD_MOUNT_TARGET_PARAMETER", "/cost-guard/test/efs-mount-targets",
                    "COSTGUARD_ECS_CLUSTER", "apps",
                    "COSTGUARD_ECS_SERVICE", "uploads"));

    /** The same, as the module's inputs. */
    static final Map<String, String> BASE_VARIABLES = Map.of(
            "kill-switch", """
                    name_prefix                 = "cg-contract"
                    budget_limit_amount         = "25"
                    relay_lambda_function_names = ["relay-a"]
                    ec2_instance_id             = "i-0123456789abcdef0"
                    cloudfront_distribution_id  = "E2EXAMPLE0TEST"
                    health_check_url            = "http://{privateIp}:8080/health"
                    shutdown_package_path       = "./tests/function.zip"
                    recovery_package_path       = "./tests/function.zip"
                    """,
            "ecs-scheduler", """
                    name_prefix  = "cg-contract"
                    services     = [{ cluster = "c", service = "s" }]
                    package_path = "./tests/function.zip"
                    """,
            "efs-scaler", """
                    name_prefix                     = "cg-contract"
                    package_path                    = "./tests/function.zip"
                    file_system_id                  = "fs-0123456789abcdef0"
                    access_point_arn                = "arn:aws:elasticfilesystem:ap-northeast-1:123456789012:access-point/fsap-0123456789abcdef0"
                    target_directory                = "/mnt/efs/uploads"
                    file_count_threshold            = 1000
                    vpc_id                          = "vpc-0123456789abcdef0"
                    mount_target_security_group_ids = ["sg-0123456789abcdef0"]
                    lambda_subnet_ids               = ["subnet-0123456789abcdef0"]
                    lambda_security_group_ids       = ["sg-0123456789abcdef0"]
                    ecs_cluster_name                = "apps"
                    ecs_service_name                = "uploads"
                    """);

    static final Map<Probe, Boolean> TERRAFORM_ACCEPTED = new LinkedHashMap<>();

    @BeforeAll
    static void probeTerraform(@TempDir Path scratch) throws Exception {
        if (!onPath("terraform")) {
            Assumptions.assumeTrue("1".equals(System.getenv("SKIP_TERRAFORM")),
                    "terraform is not on the PATH: install Terraform >= 1.11 (or set SKIP_TERRAFORM=1 on purpose)");
            return;
        }
        Map<String, List<Probe>> byModule = new LinkedHashMap<>();
        for (Setting setting : TABLE) {
            byModule.computeIfAbsent(setting.module(), m -> new ArrayList<>()).addAll(setting.probes());
        }
        for (Map.Entry<String, List<Probe>> module : byModule.entrySet()) {
            TERRAFORM_ACCEPTED.putAll(TerraformProbes.run(scratch, module.getKey(),
                    BASE_VARIABLES.get(module.getKey()), module.getValue()));
        }
    }

    @Test
    void javaAndTerraformAcceptAndRefuseTheSameValues() {
        List<String> disagreements = new ArrayList<>();
        for (Setting setting : TABLE) {
            for (Probe probe : setting.probes()) {
                boolean java = javaAccepts(probe);
                if (java != probe.expectedAccepted()) {
                    disagreements.add(probe + ": the Java settings reader " + (java ? "accepts" : "refuses") + " it");
                }
                Boolean terraform = TERRAFORM_ACCEPTED.get(probe);
                if (terraform != null && terraform != probe.expectedAccepted()) {
                    disagreements.add(probe + ": Terraform variable validation " + (terraform ? "accepts" : "refuses")
                            + " it");
                }
            }
        }
        assertThat(disagreements).as("min and max must be accepted, min-1, max+1 and bad values refused, "
                + "by both sides").isEmpty();
    }

    @Test
    void everyFunctionInTheTableExists() {
        List<String> functions = Repo.functionModules().stream().map(FunctionModule::name).toList();
        assertThat(TABLE).allSatisfy(s -> assertThat(functions).contains(s.function()));
    }

    static boolean javaAccepts(Probe probe) {
        Setting setting = probe.setting();
        Map<String, String> env = new HashMap<>(BASE_ENV.get(setting.function()));
        env.put(setting.env(), switch (setting.shape()) {
            case SERVICES -> probe.value() + "/s";
            default -> probe.value();
        });
        FunctionModule module = Repo.functionModules().stream()
                .filter(m -> m.name().equals(setting.function())).findFirst().orElseThrow();
        Class<?> config = module.configs().get(0);
        Method from = settingsFactory(config);
        try {
            from.invoke(null, proxy(config, env));
            return true;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidSettingsException) {
                return false;
            }
            throw new AssertionError(probe + ": the settings reader failed with " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    /** The public static method that turns the function's settings interface into its checked settings. */
    static Method settingsFactory(Class<?> config) {
        String packageName = config.getPackageName();
        String candidate = packageName + "." + config.getSimpleName().replaceFirst("Config$", "Settings");
        try {
            for (Method method : Class.forName(candidate).getMethods()) {
                if (Modifier.isStatic(method.getModifiers()) && method.getParameterCount() == 1
                        && method.getParameterTypes()[0] == config) {
                    return method;
                }
            }
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no " + candidate + " beside " + config.getName(), e);
        }
        throw new AssertionError(candidate + " has no static method taking " + config.getSimpleName());
    }

    /** The settings interface as SmallRye Config would fill it from these environment variables. */
    static Object proxy(Class<?> config, Map<String, String> env) {
        String prefix = config.getAnnotation(ConfigMapping.class).prefix();
        return Proxy.newProxyInstance(config.getClassLoader(), new Class<?>[] {config}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> config.getSimpleName() + env;
                    case "hashCode" -> System.identityHashCode(self);
                    default -> self == args[0];
                };
            }
            String name = dev.costguard.core.settings.SettingsReader.envName(prefix + "." + Repo.kebab(method.getName()));
            // SmallRye treats an empty value as missing.
            Optional<String> value = Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
            if (method.getReturnType() == Optional.class) {
                return value;
            }
            WithDefault fallback = method.getAnnotation(WithDefault.class);
            return value.orElse(fallback == null ? null : fallback.value());
        });
    }

    static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** Writes one test file per probe into a scratch copy of the module and runs `terraform test` once. */
    static final class TerraformProbes {

        static Map<Probe, Boolean> run(Path scratch, String module, String baseVariables, List<Probe> probes)
                throws IOException, InterruptedException {
            // Only the module's variable blocks: their validations are the contract, and a configuration without
            // providers or resources plans in milliseconds.
            Path dir = scratch.resolve(module);
            Path contract = dir.resolve("contract");
            Files.createDirectories(contract);
            Files.writeString(dir.resolve("variables.tf"), variableBlocks(Repo.ROOT.resolve("terraform/modules/" + module)));

            Map<String, Probe> byRun = new LinkedHashMap<>();
            for (int i = 0; i < probes.size(); i++) {
                String run = "p" + i;
                byRun.put(run, probes.get(i));
                Probe probe = probes.get(i);
                String file = "variables {\n" + baseVariables.indent(2) + "}\n\n"
                        + "run \"" + run + "\" {\n  command = plan\n\n  variables {\n    "
                        + probe.setting().variable() + " = " + hcl(probe) + "\n  }\n}\n";
                Files.writeString(contract.resolve(run + ".tftest.hcl"), file);
            }

            Map<String, String> env = Map.of(
                    "TF_CLI_CONFIG_FILE", Repo.ROOT.resolve("terraform/cli.tfrc").toString(),
                    "CHECKPOINT_DISABLE", "1",
                    "TF_IN_AUTOMATION", "1",
                    "TF_DATA_DIR", scratch.resolve(".data-" + module).toString());
            String init = terraform(dir, env, "init", "-backend=false", "-input=false", "-no-color");
            String out = terraform(dir, env, "test", "-test-directory=contract", "-json", "-no-color");

            Map<Probe, Boolean> accepted = new HashMap<>();
            for (Map.Entry<String, Probe> entry : byRun.entrySet()) {
                String run = entry.getKey();
                Probe probe = entry.getValue();
                String status = null;
                boolean refusedByValidation = false;
                for (String line : out.split("\n")) {
                    if (!line.contains("\"@testrun\":\"" + run + "\"")) {
                        continue;
                    }
                    if (line.contains("\"type\":\"test_run\"") && line.contains("\"progress\":\"complete\"")) {
                        status = line.replaceAll(".*\"status\":\"([a-z]+)\".*", "$1");
                    }
                    if (line.contains("\"type\":\"diagnostic\"") && line.contains("Invalid value for variable")
                            && line.contains("var." + probe.setting().variable())) {
                        refusedByValidation = true;
                    }
                }
                if ("pass".equals(status)) {
                    accepted.put(probe, true);
                } else if (refusedByValidation) {
                    accepted.put(probe, false);
                } else {
                    throw new AssertionError("terraform test of " + probe + " in modules/" + module + " ended '"
                            + status + "' without a validation error of var." + probe.setting().variable()
                            + ":\n" + init + "\n" + out);
                }
            }
            return accepted;
        }

        static String hcl(Probe probe) {
            String quoted = "\"" + probe.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            return switch (probe.setting().shape()) {
                case NUMBER -> probe.value();
                case STRING -> quoted;
                case LIST -> "[" + quoted + "]";
                case SERVICES -> "[{ cluster = " + quoted + ", service = \"s\" }]";
            };
        }

        /** Every `variable` block of the module's *.tf files. */
        static String variableBlocks(Path module) throws IOException {
            StringBuilder blocks = new StringBuilder();
            java.util.regex.Pattern start = java.util.regex.Pattern.compile("(?m)^variable\\s+\"[A-Za-z0-9_-]+\"\\s*\\{");
            try (Stream<Path> files = Files.list(module)) {
                for (Path tf : files.filter(f -> f.toString().endsWith(".tf")).sorted().toList()) {
                    String hcl = Files.readString(tf);
                    java.util.regex.Matcher block = start.matcher(hcl);
                    while (block.find()) {
                        blocks.append(hcl, block.start(), block.end() - 1)
                                .append(Repo.braced(hcl, block.end() - 1)).append("\n\n");
                    }
                }
            }
            return blocks.toString();
        }

        static String terraform(Path dir, Map<String, String> env, String... args)
                throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("terraform", "-chdir=" + dir));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("terraform " + String.join(" ", args) + " did not finish");
            }
            if (args[0].equals("init") && process.exitValue() != 0) {
                throw new AssertionError("terraform init failed in " + dir + ":\n" + output);
            }
            return output;
        }
    }
}
