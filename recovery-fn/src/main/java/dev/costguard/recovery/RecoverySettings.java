package dev.costguard.recovery;

import dev.costguard.core.ports.ServiceId;
import dev.costguard.core.schedule.BusinessHours;
import dev.costguard.core.settings.SettingsReader;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Recovery's checked settings. */
public record RecoverySettings(List<String> functionNames, String instanceId, String distributionId,
        String resultTopicArn, String snapshotParameter, String healthUrl, int healthAttempts, Duration healthInterval,
        Duration startTimeout, double rateLimitPerSecond, int poolSize, boolean dryRun, String parkedParameter,
        List<ServiceId> ecsServices, Optional<String> ecsSchedulerParameter, BusinessHours businessHours) {

    static final String DEFAULT_BUSINESS_HOURS = "MON-FRI 09:00-22:00";
    static final String DEFAULT_TIME_ZONE = "Asia/Tokyo";

    public RecoverySettings {
        ecsServices = List.copyOf(ecsServices);
    }

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
        String parked = reader.parameterName("costguard.parked-parameter", config.parkedParameter(),
                "the SSM parameter that marks the estate parked");
        List<ServiceId> ecs = reader.services("costguard.ecs-services", config.ecsServices(),
                "ECS services the kill switch parks", false);
        Optional<String> scheduler = reader.optional(config.ecsSchedulerParameter()).map(raw -> reader.parameterName(
                "costguard.ecs-scheduler-parameter", Optional.of(raw), "the ECS scheduler's remembered sizes"));
        ZoneId zone = reader.zone("costguard.ecs-time-zone", reader.optional(config.ecsTimeZone()).orElse(DEFAULT_TIME_ZONE));
        List<LocalDate> skipDates = reader.dates("costguard.ecs-skip-dates", config.ecsSkipDates(),
                "dates without business hours");
        String hoursText = reader.optional(config.ecsBusinessHours()).orElse(DEFAULT_BUSINESS_HOURS);
        BusinessHours hours = BusinessHours.parse(hoursText, zone, skipDates).orElse(null);
        if (hours == null) {
            reader.problem("costguard.ecs-business-hours", "'" + hoursText + "' is not " + BusinessHours.SHAPE
                    + " (start before stop)");
        }
        return new RecoverySettings(functions, instance, distribution, result, parameter, health, attempts,
                Duration.ofSeconds(interval), Duration.ofSeconds(start), rate, pool, dryRun, parked, ecs, scheduler,
                hours);
    }
}
