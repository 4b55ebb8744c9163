package dev.costguard.efsscaler;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What the efs-scaler tests share: the sample account's names, and the settings as the environment gives them. */
final class EfsScalerFixtures {

    static final String FS = "fs-0123456789abcdef0";
    static final String VPC = "vpc-0a1b2c3d4e5f60718";
    static final String SECURITY_GROUP = "sg-0123456789abcdef0";
    static final String LIST = "/cost-guard/dev/efs-mount-targets";
    static final String CLUSTER = "bookmark-dev";
    static final String SERVICE = "bookmark-web";
    static final String PARKED = "/cost-guard/dev/parked";

    private EfsScalerFixtures() {
    }

    /** Every required variable, for a count of the directory against a threshold of 5 in the sample account. */
    static Map<String, String> required(Path directory) {
        return new HashMap<>(Map.of("target-directory", directory.toString(), "file-count-threshold", "5",
                "file-system-id", FS, "vpc-id", VPC, "security-group-ids", SECURITY_GROUP, "mount-target-parameter", LIST,
                "ecs-cluster", CLUSTER, "ecs-service", SERVICE));
    }

    /**
     * The settings as the Terraform module's environment gives them: a key absent from env is unset. env is read at
     * each call, so a test may change it after making the config.
     */
    static EfsScalerConfig config(Map<String, String> env) {
        return new EfsScalerConfig() {
            public Optional<String> targetDirectory() { return get("target-directory"); }
            public Optional<String> fileCountThreshold() { return get("file-count-threshold"); }
            public Optional<String> countMode() { return get("count-mode"); }
            public Optional<String> countRecursive() { return get("count-recursive"); }
            public Optional<String> fileSystemId() { return get("file-system-id"); }
            public Optional<String> vpcId() { return get("vpc-id"); }
            public Optional<String> securityGroupIds() { return get("security-group-ids"); }
            public Optional<String> mountTargetParameter() { return get("mount-target-parameter"); }
            public Optional<String> ecsCluster() { return get("ecs-cluster"); }
            public Optional<String> ecsService() { return get("ecs-service"); }
            public Optional<String> pollIntervalSeconds() { return get("poll-interval-seconds"); }
            public Optional<String> resultTopicArn() { return get("result-topic-arn"); }
            public Optional<String> dryRun() { return get("dry-run"); }
            public Optional<String> subnetIds() { return get("subnet-ids"); }
            public Optional<String> parkedParameter() { return get("parked-parameter"); }

            private Optional<String> get(String key) {
                return Optional.ofNullable(env.get(key));
            }
        };
    }
}
