package dev.costguard.ecsscheduler;

import dev.costguard.core.ports.ServiceId;
import dev.costguard.core.settings.SettingsReader;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The scheduler's checked settings. */
public record EcsSchedulerSettings(List<ServiceId> services, String snapshotParameter, int defaultDesiredCount,
        List<LocalDate> skipDates, ZoneId timeZone, Optional<String> resultTopicArn, boolean dryRun,
        Optional<String> parkedParameter) {

    static final String DEFAULT_TIME_ZONE = "Asia/Tokyo";
    static final int DEFAULT_DESIRED_COUNT = 1;

    public EcsSchedulerSettings {
        services = List.copyOf(services);
        skipDates = List.copyOf(skipDates);
    }

    /** Checks the settings; throws one exception naming every bad variable. */
    public static EcsSchedulerSettings from(EcsSchedulerConfig config) {
        SettingsReader reader = new SettingsReader();
        EcsSchedulerSettings settings = read(config, reader);
        reader.check();
        return settings;
    }

    /** Checks the settings into a reader shared with the AWS client settings, so one message names every bad variable. */
    public static EcsSchedulerSettings read(EcsSchedulerConfig config, SettingsReader reader) {
        List<ServiceId> services = reader.services("costguard.services", config.services(),
                "the ECS services to schedule", true);
        String parameter = reader.parameterName("costguard.snapshot-parameter", config.snapshotParameter(),
                "the SSM parameter that remembers the sizes");
        int defaultCount = reader.optional(config.defaultDesiredCount())
                .map(raw -> reader.integer("costguard.default-desired-count", raw, 0, 1000))
                .orElse(DEFAULT_DESIRED_COUNT);
        List<LocalDate> skipDates = reader.dates("costguard.skip-dates", config.skipDates(), "dates without a scheduled start");
        ZoneId zone = reader.zone("costguard.time-zone", reader.optional(config.timeZone()).orElse(DEFAULT_TIME_ZONE));
        Optional<String> topic = reader.optionalTopicArn("costguard.result-topic-arn", config.resultTopicArn());
        boolean dryRun = reader.optional(config.dryRun()).map(raw -> reader.bool("costguard.dry-run", raw)).orElse(false);
        Optional<String> parked = reader.optional(config.parkedParameter()).map(raw -> reader.parameterName(
                "costguard.parked-parameter", Optional.of(raw), "the kill switch's parked marker"));
        return new EcsSchedulerSettings(services, parameter, defaultCount, skipDates, zone, topic, dryRun, parked);
    }
}
