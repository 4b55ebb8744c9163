package dev.costguard.efsscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.efs.CountMode;
import dev.costguard.core.settings.InvalidSettingsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EfsScalerSettingsTest {

    /** Raw settings as the Terraform module's environment gives them. */
    private final Map<String, String> env = new HashMap<>(Map.ofEntries(
            Map.entry("target-directory", "/mnt/efs/uploads"),
            Map.entry("file-count-threshold", "100000"),
            Map.entry("count-mode", "regular-files"),
            Map.entry("count-recursive", "false"),
            Map.entry("file-system-id", "fs-0123456789abcdef0"),
            Map.entry("vpc-id", "vpc-0a1b2c3d4e5f60718"),
            Map.entry("security-group-ids", "sg-0123456789abcdef0,sg-0fedcba9876543210"),
            Map.entry("mount-target-parameter", "/cost-guard/dev/efs-mount-targets"),
            Map.entry("ecs-cluster", "bookmark-dev"),
            Map.entry("ecs-service", "bookmark-web"),
            Map.entry("poll-interval-seconds", "15"),
            Map.entry("result-topic-arn", "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-results"),
            Map.entry("dry-run", "false")));

    private EfsScalerConfig config() {
        return EfsScalerFixtures.config(env);
    }

    @Test
    void readsWhatTheTerraformModuleSets() {
        EfsScalerSettings settings = EfsScalerSettings.from(config());

        assertThat(settings.targetDirectory()).isEqualTo(Path.of("/mnt/efs/uploads"));
        assertThat(settings.fileCountThreshold()).isEqualTo(100_000);
        assertThat(settings.countMode()).isEqualTo(CountMode.REGULAR_FILES);
        assertThat(settings.securityGroupIds()).containsExactly("sg-0123456789abcdef0", "sg-0fedcba9876543210");
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.resultTopicArn()).isPresent();
        assertThat(settings.subnetIds()).isEmpty();
    }

    @Test
    void aSubnetAllowListIsReadInOrder() {
        env.put("subnet-ids", "subnet-0aaaaaaaaaaaaaaaa, subnet-0cccccccccccccccc");

        assertThat(EfsScalerSettings.from(config()).subnetIds())
                .containsExactly("subnet-0aaaaaaaaaaaaaaaa", "subnet-0cccccccccccccccc");
    }

    @Test
    void readsTheKillSwitchsParkedMarker() {
        env.put("parked-parameter", "/cost-guard/dev/parked");

        assertThat(EfsScalerSettings.from(config()).parkedParameter()).hasValue("/cost-guard/dev/parked");
    }

    @Test
    void optionalValuesTakeTheirDefaults() {
        for (String key : new String[] { "count-mode", "count-recursive", "poll-interval-seconds", "result-topic-arn", "dry-run" }) {
            env.put(key, "");
        }

        EfsScalerSettings settings = EfsScalerSettings.from(config());

        assertThat(settings.countMode()).isEqualTo(CountMode.ENTRIES);
        assertThat(settings.recursive()).isFalse();
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.resultTopicArn()).isEmpty();
        assertThat(settings.dryRun()).isFalse();
    }

    @ParameterizedTest(name = "count-recursive={0}, dry-run={1}")
    @CsvSource({ "true, false", "false, true" })
    void readsTheTwoSwitchesAsWritten(boolean recursive, boolean dryRun) {
        env.put("count-recursive", String.valueOf(recursive));
        env.put("dry-run", String.valueOf(dryRun));

        EfsScalerSettings settings = EfsScalerSettings.from(config());

        assertThat(settings.recursive()).isEqualTo(recursive);
        assertThat(settings.dryRun()).isEqualTo(dryRun);
    }

    // https://docs.aws.amazon.com/efs/latest/ug/API_CreateMountTarget.html (SecurityGroups): up to five VPC
    // security group IDs; five is allowed, six is refused (the malformed-value table below).
    @Test
    void fiveSecurityGroupsAreAccepted() {
        env.put("security-group-ids", "sg-00000001,sg-00000002,sg-00000003,sg-00000004,sg-00000005");

        assertThat(EfsScalerSettings.from(config()).securityGroupIds()).hasSize(5);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "target-directory|uploads|COSTGUARD_TARGET_DIRECTORY 'uploads' is not an absolute path",
            "file-count-threshold|lots|COSTGUARD_FILE_COUNT_THRESHOLD 'lots' is not a whole number",
            "file-count-threshold|0|COSTGUARD_FILE_COUNT_THRESHOLD 0 is out of range",
            "count-mode|files|COSTGUARD_COUNT_MODE 'files' is not entries or regular-files",
            "count-recursive|yes|COSTGUARD_COUNT_RECURSIVE 'yes' is not true or false",
            "file-system-id|fs-XYZ|COSTGUARD_FILE_SYSTEM_ID 'fs-XYZ' is not an EFS file system id",
            "vpc-id|vpc-1|COSTGUARD_VPC_ID 'vpc-1' is not a VPC id",
            "security-group-ids|sg-0123456789abcdef0,default|COSTGUARD_SECURITY_GROUP_IDS entry 'default' is not a security group id",
            "security-group-ids|sg-00000001,sg-00000002,sg-00000003,sg-00000004,sg-00000005,sg-00000006|EFS accepts at most 5 per mount target",
            "mount-target-parameter|has space|COSTGUARD_MOUNT_TARGET_PARAMETER 'has space' is not an SSM parameter name",
            "ecs-service|web/api|COSTGUARD_ECS_SERVICE 'web/api' is not an ECS service name",
            "poll-interval-seconds|0|COSTGUARD_POLL_INTERVAL_SECONDS 0 is out of range [1, 60]",
            "result-topic-arn|my-topic|COSTGUARD_RESULT_TOPIC_ARN 'my-topic' is not an SNS topic ARN",
            "subnet-ids|subnet-0123456789abcdef0,subnet-x|COSTGUARD_SUBNET_IDS entry 'subnet-x' is not a subnet id",
            "subnet-ids|subnet-0123456789abcdef0,|COSTGUARD_SUBNET_IDS 'subnet-0123456789abcdef0,' has an empty entry",
            "parked-parameter|not a name|COSTGUARD_PARKED_PARAMETER 'not a name' is not an SSM parameter name" })
    void aBadValueFailsNamingTheEnvironmentVariable(String key, String value, String message) {
        env.put(key, value);

        assertThatThrownBy(() -> EfsScalerSettings.from(config())).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining(message);
    }

    @Test
    void everyMissingRequiredValueIsNamedAtOnce() {
        env.clear();

        assertThatThrownBy(() -> EfsScalerSettings.from(config())).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContainingAll("COSTGUARD_TARGET_DIRECTORY is required", "COSTGUARD_FILE_COUNT_THRESHOLD is required",
                        "COSTGUARD_FILE_SYSTEM_ID is required", "COSTGUARD_VPC_ID is required",
                        "COSTGUARD_SECURITY_GROUP_IDS is required", "COSTGUARD_MOUNT_TARGET_PARAMETER is required",
                        "COSTGUARD_ECS_CLUSTER is required", "COSTGUARD_ECS_SERVICE is required");
    }
}
