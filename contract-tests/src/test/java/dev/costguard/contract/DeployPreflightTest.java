package dev.costguard.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks that stop a deploy before Terraform runs: scripts/check-artifacts.sh (a package of the wrong kind) and
 * scripts/deploy-env.sh (a missing or unknown ENV, a missing tfvars file; the doctor first, a FAIL stops the deploy,
 * DOCTOR=skip goes on past it, DOCTOR=off does not run it).
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

    /**
     * scripts/deploy-env.sh as written, run on a scratch copy of the repository with a fake environment "dev": the
     * doctor, package and artifact scripts beside it and terraform and aws on the PATH are stubs that log each run
     * to one file, so the order of what ran is the evidence, and no real terraform/envs directory is read.
     */
    private record ScratchDeploy(Path root, Path log) {

        static ScratchDeploy create(Path dir) throws IOException {
            Path root = dir.resolve("repo");
            Path log = dir.resolve("ran.log");
            Files.createDirectories(root.resolve("scripts"));
            Files.copy(Repo.ROOT.resolve("scripts/deploy-env.sh"), root.resolve("scripts/deploy-env.sh"));
            stub(root.resolve("scripts/doctor.sh"), log, "doctor $1 ENV=$ENV", "exit ${DOCTOR_STUB_EXIT:-0}");
            stub(root.resolve("scripts/package.sh"), log, "package ARTIFACT=$ARTIFACT", "exit 0");
            stub(root.resolve("scripts/check-artifacts.sh"), log, "check-artifacts $1", "exit 0");
            Path bin = dir.resolve("bin");
            Files.createDirectories(bin);
            stub(bin.resolve("terraform"), log, "terraform $2", "exit 0");
            stub(bin.resolve("aws"), log, "aws $1 $2", "exit 0");
            Path env = root.resolve("terraform/envs/dev");
            Files.createDirectories(env);
            Files.writeString(env.resolve("main.tf"), "# the fake environment: terraform is a stub here\n");
            Files.writeString(env.resolve("variables.tf"), "variable \"artifact_kind\" {\n  default = \"native\"\n}\n");
            Files.writeString(env.resolve("terraform.tfvars"), "artifact_kind = \"jvm\"\n");
            return new ScratchDeploy(root, log);
        }

        private static void stub(Path file, Path log, String line, String exit) throws IOException {
            Files.writeString(file, "#!/usr/bin/env bash\necho \"" + line + "\" >> '" + log + "'\n" + exit + "\n");
            file.toFile().setExecutable(true);
        }

        Result deploy(Map<String, String> env) throws Exception {
            Map<String, String> all = new HashMap<>(Map.of("ENV", "dev", "AUTO_APPROVE", "1",
                    "PATH", root.resolveSibling("bin") + ":" + System.getenv("PATH")));
            all.putAll(env);
            return run(List.of("bash", root.resolve("scripts/deploy-env.sh").toString(), "deploy"), all);
        }

        List<String> ran() throws IOException {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        }
    }

    static final List<String> DEPLOYED = List.of("package ARTIFACT=jvm", "check-artifacts jvm", "terraform init",
            "terraform plan", "terraform apply", "terraform output");

    @Test
    void deployEnvRunsTheDoctorBeforeAnythingIsBuiltOrPlanned(@TempDir Path dir) throws Exception {
        ScratchDeploy scratch = ScratchDeploy.create(dir);

        Result result = scratch.deploy(Map.of());

        assertThat(result.exit()).as(result.output()).isZero();
        List<String> ran = scratch.ran().stream().filter(line -> !line.startsWith("aws ")).toList();
        assertThat(ran.get(0)).isEqualTo("doctor doctor ENV=dev");
        assertThat(ran.subList(1, ran.size())).containsExactlyElementsOf(DEPLOYED);
    }

    @Test
    void aDoctorFailStopsTheDeployWithWhatToDo(@TempDir Path dir) throws Exception {
        ScratchDeploy scratch = ScratchDeploy.create(dir);

        Result result = scratch.deploy(Map.of("DOCTOR_STUB_EXIT", "1"));

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.output()).contains("make doctor ENV=dev found a FAIL").contains("docs/RUNBOOK.md")
                .contains("DOCTOR=skip");
        assertThat(scratch.ran()).contains("doctor doctor ENV=dev")
                .noneMatch(line -> line.startsWith("package") || line.startsWith("check-artifacts") || line.startsWith("terraform"));
    }

    @Test
    void doctorSkipRunsTheDoctorAndGoesOnPastItsFail(@TempDir Path dir) throws Exception {
        ScratchDeploy scratch = ScratchDeploy.create(dir);

        Result result = scratch.deploy(Map.of("DOCTOR", "skip", "DOCTOR_STUB_EXIT", "1"));

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("DOCTOR=skip: going on despite the doctor's FAIL");
        List<String> ran = scratch.ran().stream().filter(line -> !line.startsWith("aws ")).toList();
        assertThat(ran.get(0)).isEqualTo("doctor doctor ENV=dev");
        assertThat(ran.subList(1, ran.size())).containsExactlyElementsOf(DEPLOYED);
    }

    @Test
    void doctorOffDeploysWithoutRunningTheDoctorAndAnUnknownValueStopsEverything(@TempDir Path dir) throws Exception {
        ScratchDeploy scratch = ScratchDeploy.create(dir);

        Result off = scratch.deploy(Map.of("DOCTOR", "off", "DOCTOR_STUB_EXIT", "1"));

        assertThat(off.exit()).as(off.output()).isZero();
        assertThat(off.output()).contains("DOCTOR=off: the doctor was not run");
        assertThat(scratch.ran().stream().filter(line -> !line.startsWith("aws ")).toList()).containsExactlyElementsOf(DEPLOYED);

        Files.delete(scratch.log());
        Result unknown = scratch.deploy(Map.of("DOCTOR", "no"));
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).contains("DOCTOR='no' is not one of: (unset), skip, off");
        assertThat(scratch.ran()).noneMatch(line -> line.startsWith("doctor") || line.startsWith("terraform") || line.startsWith("package"));
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
