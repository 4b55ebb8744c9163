package dev.costguard.shutdown;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The kill switch's settings, one environment variable each (COSTGUARD_FUNCTION_NAMES, ...). Values are read as
 * text and checked by {@link ShutdownSettings#from}, so a bad one fails start-up with the variable's name.
 */
@ConfigMapping(prefix = "costguard")
public interface ShutdownConfig {

    String DEFAULT_RATE_LIMIT_PER_SECOND = "10";
    String DEFAULT_POOL_SIZE = "4";

    /** Lambda functions to throttle to zero, comma-separated. */
    Optional<String> functionNames();

    /** The EC2 host that runs the API service. */
    Optional<String> instanceId();

    /** The CloudFront distribution in front of the API. */
    Optional<String> distributionId();

    /** The SNS topic AWS Budgets publishes its alert to. */
    Optional<String> alertTopicArn();

    /** Optional SNS topics fed by CloudWatch usage alarms (the minutes-not-hours trigger), comma-separated. */
    Optional<String> tripwireTopicArns();

    /** The SNS topic that receives the report (AWS Chatbot subscribes to it). */
    Optional<String> resultTopicArn();

    /** The SSM parameter holding the prior-state snapshot recovery restores. */
    Optional<String> snapshotParameter();

    /** The SSM parameter whose existence parks the estate (written first, removed last by recovery). */
    Optional<String> parkedParameter();

    /** ECS services to park at 0, comma-separated cluster/service pairs; none: no ECS service is touched. */
    Optional<String> ecsServices();

    @WithDefault("30")
    String drainSeconds();

    @WithDefault("nostr-api")
    String serviceName();

    @WithDefault("60")
    String commandTimeoutSeconds();

    /** Lambda's control-plane limit is 15 requests/s per account; the default leaves room for deployments. */
    @WithDefault(DEFAULT_RATE_LIMIT_PER_SECOND)
    String rateLimitPerSecond();

    @WithDefault(DEFAULT_POOL_SIZE)
    String poolSize();

    @WithDefault("false")
    String dryRun();
}
