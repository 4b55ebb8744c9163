package dev.costguard.efsscaler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.efs.MountTarget;
import dev.costguard.core.efs.MountTargetList;
import dev.costguard.core.efs.MountTargetListCodec;
import dev.costguard.core.efs.MountTargetListSource;
import dev.costguard.core.fakes.InMemoryParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The SSM parameter's initial value as the Terraform module writes it: the module's `terraform test` pins the exact
 * planned value, and this test reads that pinned value out of the test file and decodes it with the router's codec,
 * so neither side can drift into a value the other refuses (an empty fileSystemId once was).
 */
class TerraformDefaultListTest {

    private static final Path MODULE_TEST = Path.of("..", "terraform", "modules", "efs-scaler", "tests",
            "efs_scaler.tftest.hcl");
    private static final Pattern PINNED = Pattern.compile(
            "aws_ssm_parameter\\.mount_targets\\.value == \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern FILE_SYSTEM = Pattern.compile("\\n\\s*file_system_id\\s*=\\s*\"([^\"]+)\"");

    @Test
    void theModulesDefaultValueDecodesAsAnEmptyListOfItsFileSystemAndConsumersFallBackToTheirDefault() throws IOException {
        String hcl = Files.readString(MODULE_TEST);
        Matcher pinned = PINNED.matcher(hcl);
        Matcher fileSystem = FILE_SYSTEM.matcher(hcl);
        assertThat(pinned.find()).as("%s pins the parameter's value", MODULE_TEST).isTrue();
        assertThat(fileSystem.find()).as("%s sets file_system_id", MODULE_TEST).isTrue();
        String value = pinned.group(1).replace("\\\"", "\"").replace("\\\\", "\\");

        MountTargetList list = MountTargetListCodec.decode(value);

        assertThat(list).isEqualTo(new MountTargetList(fileSystem.group(1), List.of()));
        MountTargetList defaults = new MountTargetList(fileSystem.group(1), List.of(
                new MountTarget("fsmt-0a", "ap-northeast-1a", "subnet-0a", "10.0.1.10", MountTarget.AVAILABLE)));
        MountTargetListSource.Loaded loaded = new MountTargetListSource(
                new InMemoryParameters().with("/cost-guard/cg-test/efs-mount-targets", value),
                "/cost-guard/cg-test/efs-mount-targets", defaults).load();
        assertThat(loaded.origin()).isEqualTo(MountTargetListSource.Origin.DEFAULT);
        assertThat(loaded.list()).isEqualTo(defaults);
    }
}
