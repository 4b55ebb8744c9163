package dev.costguard.recovery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Recovery's settings, one environment variable each (COSTGUARD_HEALTH_URL, ...), checked by {@link RecoverySettings#from}. */
@ConfigMapping(prefix = "costguard")
public interface RecoveryConfig {

    /** The Lambda functions the kill switch throttles, comma-separated. */
    Optional<String> functionNames();

    Optional<String> instanceId();

    Optional<String> distributionId();

    Optional<String> resultTopicArn();

    /** The SSM parameter where the kill switch left the prior-state snapshot. */
    Optional<String> snapshotParameter();

    /** The SSM parameter whose existence parks the estate; recovery deletes it last. */
    Optional<String> parkedParameter();

    /** ECS services the kill switch parks, comma-separated cluster/service pairs; none: no ECS service is touched. */
    Optional<String> ecsServices();

    /**
     * The ECS scheduler's parameter (its remembered sizes). Set when the services sleep outside business hours:
     * recovery outside them leaves the services asleep and writes their sizes there for the next start.
     */
    Optional<String> ecsSchedulerParameter();

    /** The scheduler's business hours, e.g. "MON-FRI 09:00-22:00" (default). */
    Optional<String> ecsBusinessHours();

    /** The business hours' time zone (default Asia/Tokyo), the scheduler's COSTGUARD_TIME_ZONE. */
    Optional<String> ecsTimeZone();

    /** The scheduler's skip dates (YYYY-MM-DD, comma-separated): no business hours on them. */
    Optional<String> ecsSkipDates();

    /** The API's health URL; {privateIp} and {publicIp} are filled in from the started instance. */
    Optional<String> healthUrl();

    @WithDefault("5")
    String healthAttempts();

    @WithDefault("5")
    String healthIntervalSeconds();

    @WithDefault("120")
    String startTimeoutSeconds();

    @WithDefault("10")
    String rateLimitPerSecond();

    @WithDefault("4")
    String poolSize();

    @WithDefault("false")
    String dryRun();
}
