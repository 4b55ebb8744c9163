package dev.costguard.recovery;

import dev.costguard.core.settings.SettingsReader;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** Recovery's checked settings. */
public record RecoverySettings(List<String> functionNames, String instanceId, String distributionId,
        String resultTopicArn, String snapshotParameter, String healthUrl, int healthAttempts, Duration healthInterval,
        Duration startTimeout, double rateLimitPerSecond, int poolSize, boolean dryRun) {

    static final Pattern HEALTH_URL = Pattern.compile("https?://[^\\s]+");

    /** Checks the settings; throws one exception naming every bad variable. */
    public static RecoverySettings from(RecoveryConfig config) {
        SettingsReader reader = new SettingsReader();
        RecoverySettings settings = read(config, reader);
        reader.check();
        return settings;
    }

    /** Checks the settings into a reader shared with the AWS client settings, so one message names every bad variable. */
    public static RecoverySettings read(RecoveryConfig config, SettingsReader reader) {
        List<String> functions = reader.functionNames("costguard.function-names", config.functionNames(),
                "the Lambda functions the kill switch throttles");
        String instance = reader.instanceId("costguard.instance-id", config.instanceId(), "the EC2 instance to start");
        String distribution = reader.distributionId("costguard.distribution-id", config.distributionId(),
                "the CloudFront distribution to enable");
        String result = reader.topicArn("costguard.result-topic-arn", config.resultTopicArn(), "the report topic");
        String parameter = reader.parameterName("costguard.snapshot-parameter", config.snapshotParameter(),
                "the SSM parameter the kill switch writes");
        String health = reader.matching("costguard.health-url", config.healthUrl(), HEALTH_URL,
                "the API health URL, e.g. http://{privateIp}:8080/health", "an http(s) URL");
        if (health != null) {
            String unresolved = health.replace("{privateIp}", "").replace("{publicIp}", "");
            if (unresolved.contains("{") || unresolved.contains("}")) {
                reader.problem("costguard.health-url", "'" + health
                        + "' has a placeholder other than {privateIp} or {publicIp}");
            }
        }
        int attempts = reader.integer("costguard.health-attempts", config.healthAttempts(), 1, 20);
        int interval = reader.integer("costguard.health-interval-seconds", config.healthIntervalSeconds(), 0, 60);
        int start = reader.integer("costguard.start-timeout-seconds", config.startTimeoutSeconds(), 10, 600);
        int rate = reader.integer("costguard.rate-limit-per-second", config.rateLimitPerSecond(), 1, 15);
        int pool = reader.integer("costguard.pool-size", config.poolSize(), 1, 32);
        boolean dryRun = reader.bool("costguard.dry-run", config.dryRun());
        return new RecoverySettings(functions, instance, distribution, result, parameter, health, attempts,
                Duration.ofSeconds(interval), Duration.ofSeconds(start), rate, pool, dryRun);
    }
}
