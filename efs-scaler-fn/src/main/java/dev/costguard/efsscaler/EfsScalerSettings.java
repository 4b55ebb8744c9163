package dev.costguard.efsscaler;

import dev.costguard.core.efs.CountMode;
import dev.costguard.core.settings.SettingsReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The scaler's checked settings. */
public record EfsScalerSettings(Path targetDirectory, long fileCountThreshold, CountMode countMode, boolean recursive,
        String fileSystemId, String vpcId, List<String> securityGroupIds, String mountTargetParameter,
        String ecsCluster, String ecsService, Duration pollInterval, Optional<String> resultTopicArn, boolean dryRun,
        List<String> subnetIds, Optional<String> parkedParameter) {

    static final int DEFAULT_POLL_SECONDS = 10;
    /** EFS accepts at most five security groups per mount target. */
    static final int MAX_SECURITY_GROUPS = 5;
    static final Pattern FILE_SYSTEM = Pattern.compile("fs-[0-9a-f]{8,40}");
    static final Pattern VPC = Pattern.compile("vpc-[0-9a-f]{8,17}");
    static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{8,17}");
    static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
    static final Pattern ECS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    public EfsScalerSettings {
        securityGroupIds = List.copyOf(securityGroupIds);
        subnetIds = List.copyOf(subnetIds);
    }

    /** Every subnet of the VPC may take a mount target (no COSTGUARD_SUBNET_IDS). */
    public EfsScalerSettings(Path targetDirectory, long fileCountThreshold, CountMode countMode, boolean recursive,
            String fileSystemId, String vpcId, List<String> securityGroupIds, String mountTargetParameter,
            String ecsCluster, String ecsService, Duration pollInterval, Optional<String> resultTopicArn, boolean dryRun) {
        this(targetDirectory, fileCountThreshold, countMode, recursive, fileSystemId, vpcId, securityGroupIds,
                mountTargetParameter, ecsCluster, ecsService, pollInterval, resultTopicArn, dryRun, List.of());
    }

    /** Settings without the kill switch's parked marker. */
    public EfsScalerSettings(Path targetDirectory, long fileCountThreshold, CountMode countMode, boolean recursive,
            String fileSystemId, String vpcId, List<String> securityGroupIds, String mountTargetParameter,
            String ecsCluster, String ecsService, Duration pollInterval, Optional<String> resultTopicArn,
            boolean dryRun, List<String> subnetIds) {
        this(targetDirectory, fileCountThreshold, countMode, recursive, fileSystemId, vpcId, securityGroupIds,
                mountTargetParameter, ecsCluster, ecsService, pollInterval, resultTopicArn, dryRun, subnetIds,
                Optional.empty());
    }

    /** Checks the settings; throws one exception naming every bad variable. */
    public static EfsScalerSettings from(EfsScalerConfig config) {
        SettingsReader reader = new SettingsReader();
        EfsScalerSettings settings = read(config, reader);
        reader.check();
        return settings;
    }

    /** Checks the settings into a reader shared with the AWS client settings, so one message names every bad variable. */
    public static EfsScalerSettings read(EfsScalerConfig config, SettingsReader reader) {
        String directory = reader.required("costguard.target-directory", config.targetDirectory(),
                "the directory whose files are counted, an absolute path under the EFS mount");
        if (directory != null && !directory.startsWith("/")) {
            reader.problem("costguard.target-directory", "'" + directory + "' is not an absolute path");
        }
        String rawThreshold = reader.required("costguard.file-count-threshold", config.fileCountThreshold(),
                "the file count above which a mount target is added");
        long threshold = rawThreshold == null ? 0
                : reader.integer("costguard.file-count-threshold", rawThreshold, 1, Integer.MAX_VALUE);
        CountMode mode = reader.optional(config.countMode()).map(raw -> switch (raw.toLowerCase(Locale.ROOT)) {
            case "entries" -> CountMode.ENTRIES;
            case "regular-files" -> CountMode.REGULAR_FILES;
            default -> {
                reader.problem("costguard.count-mode", "'" + raw + "' is not entries or regular-files");
                yield CountMode.ENTRIES;
            }
        }).orElse(CountMode.ENTRIES);
        boolean recursive = reader.optional(config.countRecursive())
                .map(raw -> reader.bool("costguard.count-recursive", raw)).orElse(false);
        String fileSystem = reader.matching("costguard.file-system-id", config.fileSystemId(), FILE_SYSTEM,
                "the EFS file system that gets mount targets", "an EFS file system id (fs-0123456789abcdef0)");
        String vpc = reader.matching("costguard.vpc-id", config.vpcId(), VPC, "the VPC whose subnets can take a mount target",
                "a VPC id (vpc-0123456789abcdef0)");
        List<String> groups = reader.list("costguard.security-group-ids", config.securityGroupIds(),
                "the security groups of a new mount target", true);
        for (String group : groups) {
            if (!SECURITY_GROUP.matcher(group).matches()) {
                reader.problem("costguard.security-group-ids", "entry '" + group
                        + "' is not a security group id (sg-0123456789abcdef0)");
            }
        }
        if (groups.size() > MAX_SECURITY_GROUPS) {
            reader.problem("costguard.security-group-ids", "lists " + groups.size()
                    + " security groups; EFS accepts at most " + MAX_SECURITY_GROUPS + " per mount target");
        }
        List<String> subnetIds = reader.list("costguard.subnet-ids", config.subnetIds(),
                "the only subnets a new mount target may go to", false);
        for (String subnet : subnetIds) {
            if (!SUBNET.matcher(subnet).matches()) {
                reader.problem("costguard.subnet-ids", "entry '" + subnet + "' is not a subnet id (subnet-0123456789abcdef0)");
            }
        }
        String parameter = reader.parameterName("costguard.mount-target-parameter", config.mountTargetParameter(),
                "the SSM parameter the mount-target list is published to");
        String cluster = reader.matching("costguard.ecs-cluster", config.ecsCluster(), ECS_NAME,
                "the consumer service's ECS cluster", "an ECS cluster name (letters, digits, - and _)");
        String service = reader.matching("costguard.ecs-service", config.ecsService(), ECS_NAME,
                "the consumer ECS service redeployed when the list changes", "an ECS service name (letters, digits, - and _)");
        int poll = reader.optional(config.pollIntervalSeconds())
                .map(raw -> reader.integer("costguard.poll-interval-seconds", raw, 1, 60)).orElse(DEFAULT_POLL_SECONDS);
        Optional<String> topic = reader.optionalTopicArn("costguard.result-topic-arn", config.resultTopicArn());
        boolean dryRun = reader.optional(config.dryRun()).map(raw -> reader.bool("costguard.dry-run", raw)).orElse(false);
        return new EfsScalerSettings(directory == null ? null : Path.of(directory), threshold, mode, recursive, fileSystem, vpc, groups, parameter,
                cluster, service, Duration.ofSeconds(poll), topic, dryRun, subnetIds,
                reader.optional(config.parkedParameter()).map(raw -> reader.parameterName("costguard.parked-parameter",
                        Optional.of(raw), "the kill switch's parked marker")));
    }
}
