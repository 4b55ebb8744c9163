package dev.costguard.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks that stop a deploy before Terraform runs: scripts/check-artifacts.sh (a package of the wrong kind) and
 * scripts/deploy-env.sh (a missing or unknown ENV, a missing tfvars file).
 */
class DeployPreflightTest {

    static final String HANDLER = "io/quarkus/amazon/lambda/runtime/QuarkusStreamHandler.class";

    @TempDir
    Path dist;

    record Result(int exit, String output) {
    }

    @Test
    void nativeZipsWithBootstrapPass() throws Exception {
        writeAll("native", "bootstrap");
        Result result = run(List.of("bash", "scripts/check-artifacts.sh", "native", dist.toString()), Map.of());
        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void aJvmZipNamedNativeIsStoppedWithTheReason() throws Exception {
        writeAll("native", "bootstrap");
        zip(dist.resolve("shutdown-fn-native.zip"), "lib/handler.jar");
        Result result = run(List.of("bash", "scripts/check-artifacts.sh", "native", dist.toString()), Map.of());
        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("shutdown-fn-native.zip has no bootstrap at its root");
    }

    @Test
    void jvmZipsNeedTheHandlerClassAndNoBootstrap() throws Exception {
        writeAll("jvm", HANDLER);
        assertThat(run(List.of("bash", "scripts/check-artifacts.sh", "jvm", dist.toString()), Map.of()).exit()).isZero();

        zip(dist.resolve("recovery-fn-jvm.zip"), "bootstrap");
        Result nativeNamedJvm = run(List.of("bash", "scripts/check-artifacts.sh", "jvm", dist.toString()), Map.of());
        assertThat(nativeNamedJvm.exit()).isNotZero();
        assertThat(nativeNamedJvm.output()).contains("recovery-fn-jvm.zip holds a native bootstrap");
    }

    @Test
    void aMissingZipNamesTheCommandThatBuildsIt() throws Exception {
        Result result = run(List.of("bash", "scripts/check-artifacts.sh", "jvm", dist.toString()), Map.of());
        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("is missing: run make package ARTIFACT=jvm");
    }

    @Test
    void deployEnvStopsOnAMissingOrUnknownEnvBeforeAnythingRuns() throws Exception {
        Result missing = run(List.of("bash", "scripts/deploy-env.sh", "deploy"), Map.of("ENV", ""));
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.output()).contains("ENV is not set").contains("dev").contains("prod");

        Result unknown = run(List.of("bash", "scripts/deploy-env.sh", "deploy"), Map.of("ENV", "staging"));
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).contains("unknown ENV 'staging'");
    }

    @Test
    void deployEnvStopsWithoutTfvarsAndSaysWhatToCopy() throws Exception {
        Path tfvars = Repo.ROOT.resolve("terraform/envs/dev/terraform.tfvars");
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(tfvars), "a real dev tfvars exists here");
        Path fakeBin = dist.resolve("bin");
        Files.createDirectories(fakeBin);
        Path terraform = fakeBin.resolve("terraform");
        Files.writeString(terraform, "#!/bin/sh\necho terraform must not run >&2\nexit 99\n");
        terraform.toFile().setExecutable(true);
        Result result = run(List.of("bash", "scripts/deploy-env.sh", "deploy"),
                Map.of("ENV", "dev", "PATH", fakeBin + ":" + System.getenv("PATH")));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.output()).contains("terraform/envs/dev/terraform.tfvars is missing: cp ")
                .doesNotContain("terraform must not run");
    }

    private void writeAll(String kind, String entry) throws IOException {
        for (Repo.FunctionModule module : Repo.functionModules()) {
            zip(dist.resolve(module.name() + "-" + kind + ".zip"), entry);
        }
    }

    private static void zip(Path file, String entry) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new ZipEntry(entry));
            out.write("x".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private static Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(Repo.ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
