package dev.costguard.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.contract.Repo.FunctionModule;
import dev.costguard.contract.Repo.TerraformFunction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * For each function, the environment variables its Terraform module sets are exactly the ones its settings read
 * (names taken from the settings interfaces by reflection, the module's names from its HCL), and the handler the
 * function module names exists in the built JVM artifact.
 */
class EnvironmentNamesContractTest {

    /**
     * Read by every function but deliberately left to their defaults by Terraform: the AWS client's endpoint
     * override exists for local testing only, the region comes from Lambda's own AWS_REGION, and the attempts and
     * call timeout have safe defaults.
     */
    static final Set<String> NOT_SET_BY_TERRAFORM = Set.of("COSTGUARD_AWS_ENDPOINT_URL", "COSTGUARD_AWS_REGION",
            "COSTGUARD_AWS_MAX_ATTEMPTS", "COSTGUARD_AWS_CALL_TIMEOUT_SECONDS");

    @TestFactory
    Stream<DynamicTest> everyFunctionModuleIsDeployedWithExactlyTheVariablesItReads() {
        List<TerraformFunction> terraform = Repo.terraformFunctions();
        return Repo.functionModules().stream().map(module -> DynamicTest.dynamicTest(module.name(), () -> {
            TerraformFunction deployed = Repo.deploying(module, terraform);
            Set<String> read = module.envNames();
            assertThat(read).as("allow-listed names must still be read by %s", module.name())
                    .containsAll(NOT_SET_BY_TERRAFORM);

            Set<String> setButNotRead = new TreeSet<>(deployed.envNames());
            setButNotRead.removeAll(read);
            assertThat(setButNotRead).as("terraform/modules/%s module \"%s\" sets variables %s does not read",
                    deployed.dir(), deployed.call(), module.name()).isEmpty();

            Set<String> readButNotSet = new TreeSet<>(read);
            readButNotSet.removeAll(deployed.envNames());
            readButNotSet.removeAll(NOT_SET_BY_TERRAFORM);
            assertThat(readButNotSet).as("%s reads variables terraform/modules/%s module \"%s\" does not set",
                    module.name(), deployed.dir(), deployed.call()).isEmpty();
        }));
    }

    @Test
    void everyTerraformFunctionDeploysAFunctionModule() {
        List<TerraformFunction> terraform = Repo.terraformFunctions();
        assertThat(terraform).as("the HCL reader found no function").isNotEmpty();
        Set<TerraformFunction> deployed = new HashSet<>();
        for (FunctionModule module : Repo.functionModules()) {
            deployed.add(Repo.deploying(module, terraform));
        }
        assertThat(terraform).as("Terraform functions whose code is no *-fn module").allMatch(deployed::contains);
    }

    @Test
    void theHclReaderSeesTopLevelKeysOnly() {
        String hcl = """
                module "shutdown" {
                  source = "../function"
                  # a comment with { a brace
                  environment_variables = {
                    COSTGUARD_A = "x}"
                    COSTGUARD_B = jsonencode({ NOT_A_KEY = 1 })
                  }
                }
                module "other" {
                  source = "../other"
                  environment_variables = { COSTGUARD_C = "c" }
                }
                """;
        assertThat(Repo.functionCalls("m", hcl))
                .containsExactly(new TerraformFunction("m", "shutdown", Set.of("COSTGUARD_A", "COSTGUARD_B")));
    }

    private static final Pattern HANDLERS = Pattern.compile(
            "handler\\s*=\\s*var\\.package_type\\s*==\\s*\"native\"\\s*\\?\\s*\"([^\"]+)\"\\s*:\\s*\"([^\"]+)\"");

    /** The JVM handler the function module names is a class with that method in every built JVM zip. */
    @TestFactory
    Stream<DynamicTest> theJvmHandlerExistsInEveryBuiltArtifact() throws IOException {
        Matcher handlers = HANDLERS.matcher(Files.readString(Repo.ROOT.resolve("terraform/modules/function/main.tf")));
        assertThat(handlers.find()).as("terraform/modules/function/main.tf names a handler per package type").isTrue();
        assertThat(handlers.group(1)).isEqualTo("bootstrap");
        String jvmHandler = handlers.group(2);
        String className = jvmHandler.substring(0, jvmHandler.indexOf("::"));
        String method = jvmHandler.substring(jvmHandler.indexOf("::") + 2);
        String classFile = className.replace('.', '/') + ".class";
        return Repo.functionModules().stream().map(module -> DynamicTest.dynamicTest(module.name(), () -> {
            Path zip = Repo.ROOT.resolve(module.name()).resolve("target/function.zip");
            assertThat(zip).as("the JVM package is built by the package phase before these tests").exists();
            assertThat(containsClass(Files.newInputStream(zip), classFile))
                    .as("%s has %s", zip, classFile).isTrue();
            // The class is on this test's classpath through the function module: the method must exist too.
            assertThat(Stream.of(Class.forName(className).getMethods()).map(m -> m.getName())).contains(method);
        }));
    }

    private static boolean containsClass(InputStream archive, String classFile) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(archive)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().equals(classFile) || entry.getName().endsWith("/" + classFile)) {
                    return true;
                }
                if (entry.getName().endsWith(".jar") && containsClass(new NonClosing(zip), classFile)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Lets a nested jar be read without closing the outer zip stream. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
