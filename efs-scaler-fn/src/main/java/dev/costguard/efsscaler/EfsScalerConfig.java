package dev.costguard.efsscaler;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The scaler's settings, one environment variable each (COSTGUARD_TARGET_DIRECTORY, ...), exactly those the
 * Terraform module efs-scaler sets. Every value is optional text here; {@link EfsScalerSettings#from} checks
 * them and applies the defaults, naming the variable on a problem, so a bad value fails the cold start.
 */
@ConfigMapping(prefix = "costguard")
public interface EfsScalerConfig {

    /** The directory whose files are counted, under the Lambda's EFS mount (/mnt/efs/uploads). */
    Optional<String> targetDirectory();

    /** Above this many files a new mount target is added. */
    Optional<String> fileCountThreshold();

    /** entries (default: every name, no stat, like ls -f) or regular-files (like find -maxdepth 1 -type f). */
    Optional<String> countMode();

    /** true: count subdirectories too (default false). */
    Optional<String> countRecursive();

    /** The EFS file system that gets mount targets (fs-...). */
    Optional<String> fileSystemId();

    /** The VPC whose subnets can take a mount target (vpc-...). */
    Optional<String> vpcId();

    /** Security groups of a new mount target, comma-separated (sg-..., at most 5). */
    Optional<String> securityGroupIds();

    /**
     * Optional allow-list: the only subnets a new mount target may go to, comma-separated (subnet-...); by default
     * every subnet of the VPC in a regular Availability Zone.
     */
    Optional<String> subnetIds();

    /** The SSM parameter the mount-target list is published to (and the router reads). */
    Optional<String> mountTargetParameter();

    /** The consumer ECS service redeployed when the list changes: cluster name. */
    Optional<String> ecsCluster();

    /** The consumer ECS service redeployed when the list changes: service name. */
    Optional<String> ecsService();

    /** Seconds between two looks at a mount target being created (default 10). */
    Optional<String> pollIntervalSeconds();

    /** The SNS topic that receives the report; none means the report is only logged and returned. */
    Optional<String> resultTopicArn();

    /** true: count and plan, change nothing (default false). */
    Optional<String> dryRun();

    /** The kill switch's parked marker (an SSM parameter): while it exists no mount target is created. */
    Optional<String> parkedParameter();
}
