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
