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

    /** ELF e_machine values (System V ABI): what the loader checks before it runs a binary. */
    static final int AARCH64 = 183;
    static final int X86_64 = 62;

    @Test
    void nativeZipsWithAnArm64BootstrapPass() throws Exception {
        writeAllNative(AARCH64);
        Result result = run(List.of("bash", "scripts/check-artifacts.sh", "native", dist.toString()), Map.of());
        assertThat(result.exit()).as(result.output()).isZero();
    }

    @Test
    void anX86BootstrapIsStoppedBeforeItReachesArm64Functions() throws Exception {
        writeAllNative(AARCH64);
        zip(dist.resolve("recovery-fn-native.zip"), "bootstrap", elf(X86_64));
        Result result = run(List.of("bash", "scripts/check-artifacts.sh", "native", dist.toString()), Map.of());
        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("recovery-fn-native.zip's bootstrap is x86-64, but the functions run on arm64 (aarch64)");
    }

    @Test
    void aBootstrapThatIsNoBinaryIsStopped() throws Exception {
        writeAllNative(AARCH64);
        zip(dist.resolve("shutdown-fn-native.zip"), "bootstrap", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        Result result = run(List.of("bash", "scripts/check-artifacts.sh", "native", dist.toString()), Map.of());
        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("shutdown-fn-native.zip's bootstrap is not ELF");
    }

    @Test
    void packageTakesNativeZipsInTheWorkflowsFlatLayoutAndInABuildTree(@TempDir Path given, @TempDir Path out) throws Exception {
        for (Repo.FunctionModule module : Repo.functionModules()) {
            zip(given.resolve(module.name() + "-native.zip"), "bootstrap", elf(AARCH64));
        }
        Result flat = run(List.of("bash", "scripts/package.sh"),
                Map.of("ARTIFACT", "native", "NATIVE_ZIPS_DIR", given.toString(), "DIST_DIR", out.toString()));
        assertThat(flat.exit()).as(flat.output()).isZero();
        assertThat(out.resolve("efs-scaler-fn-native.zip")).exists();

        Path tree = given.resolve("tree");
        for (Repo.FunctionModule module : Repo.functionModules()) {
            Files.createDirectories(tree.resolve(module.name()).resolve("target"));
            zip(tree.resolve(module.name()).resolve("target/function.zip"), "bootstrap", elf(AARCH64));
        }
        Result fromTree = run(List.of("bash", "scripts/package.sh"),
                Map.of("ARTIFACT", "native", "NATIVE_ZIPS_DIR", tree.toString(), "DIST_DIR", out.toString()));
        assertThat(fromTree.exit()).as(fromTree.output()).isZero();

        Result missing = run(List.of("bash", "scripts/package.sh"),
                Map.of("ARTIFACT", "native", "NATIVE_ZIPS_DIR", out.resolve("nothing").toString(), "DIST_DIR", out.toString()));
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.output()).contains("holds neither");
    }

    @Test
    void makeNativeBuildsEveryFunction() throws Exception {
        Result result = run(List.of("make", "-n", "native", "MVN=mvn"), Map.of());
        assertThat(result.exit()).as(result.output()).isZero();
        String modules = result.output().replaceAll("(?s).*-pl (\\S+).*", "$1").trim();
        assertThat(List.of(modules.split(","))).containsExactlyInAnyOrderElementsOf(
                Repo.functionModules().stream().map(Repo.FunctionModule::name).toList());
    }

    @Test
    void aJvmZipNamedNativeIsStoppedWithTheReason() throws Exception {
        writeAllNative(AARCH64);
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

    private void writeAllNative(int machine) throws IOException {
        for (Repo.FunctionModule module : Repo.functionModules()) {
            zip(dist.resolve(module.name() + "-native.zip"), "bootstrap", elf(machine));
        }
    }

    /** The first 20 bytes of a 64-bit little-endian ELF executable for that machine: all the check reads. */
    static byte[] elf(int machine) {
        byte[] header = new byte[64];
        header[0] = 0x7f;
        header[1] = 'E';
        header[2] = 'L';
        header[3] = 'F';
        header[4] = 2; // 64-bit
        header[5] = 1; // little-endian
        header[6] = 1;
        header[16] = 2; // ET_EXEC
        header[18] = (byte) (machine & 0xff);
        header[19] = (byte) (machine >> 8);
        return header;
    }

    private static void zip(Path file, String entry) throws IOException {
        zip(file, entry, "x".getBytes(StandardCharsets.UTF_8));
    }

    private static void zip(Path file, String entry, byte[] content) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(content);
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
