package dev.costguard.shutdown;

import dev.costguard.core.ports.ServiceId;
import dev.costguard.core.settings.SettingsReader;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** The kill switch's checked settings. */
public record ShutdownSettings(List<String> functionNames, String instanceId, String distributionId,
        String alertTopicArn, List<String> tripwireTopicArns, String resultTopicArn, String snapshotParameter,
        Duration drain, String serviceName, Duration commandTimeout, double rateLimitPerSecond, int poolSize,
        boolean dryRun, String parkedParameter, List<ServiceId> ecsServices) {

    public ShutdownSettings {
        ecsServices = List.copyOf(ecsServices);
    }

    // The service name ends up in a shell command on the host: only systemd unit-name characters get through.
    static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9@._-]{1,128}");

    /** Checks the settings; throws one exception naming every bad variable. */
    public static ShutdownSettings from(ShutdownConfig config) {
        SettingsReader reader = new SettingsReader();
        ShutdownSettings settings = read(config, reader);
        reader.check();
        return settings;
    }

    /** Checks the settings into a reader shared with the AWS client settings, so one message names every bad variable. */
    public static ShutdownSettings read(ShutdownConfig config, SettingsReader reader) {
        List<String> functions = reader.functionNames("costguard.function-names", config.functionNames(),
                "the Lambda functions to throttle");
        String instance = reader.instanceId("costguard.instance-id", config.instanceId(), "the EC2 instance to stop");
        String distribution = reader.distributionId("costguard.distribution-id", config.distributionId(),
                "the CloudFront distribution to disable");
        String alert = reader.topicArn("costguard.alert-topic-arn", config.alertTopicArn(), "the budget alert topic");
        List<String> tripwires = reader.topicArns("costguard.tripwire-topic-arns", config.tripwireTopicArns(),
                "usage tripwire topics");
        String result = reader.topicArn("costguard.result-topic-arn", config.resultTopicArn(), "the report topic");
        String parameter = reader.parameterName("costguard.snapshot-parameter", config.snapshotParameter(),
                "the SSM parameter for the prior-state snapshot");
        int drain = reader.integer("costguard.drain-seconds", config.drainSeconds(), 0, 120);
        String service = reader.matching("costguard.service-name", java.util.Optional.of(config.serviceName()),
                SERVICE, "the systemd service to stop", "a systemd unit name (letters, digits, @ . _ -)");
        int timeout = reader.integer("costguard.command-timeout-seconds", config.commandTimeoutSeconds(), 1, 150);
        int rate = reader.integer("costguard.rate-limit-per-second", config.rateLimitPerSecond(), 1, 15);
        int pool = reader.integer("costguard.pool-size", config.poolSize(), 1, 32);
        boolean dryRun = reader.bool("costguard.dry-run", config.dryRun());
        String parked = reader.parameterName("costguard.parked-parameter", config.parkedParameter(),
                "the SSM parameter that marks the estate parked");
        List<ServiceId> ecs = reader.services("costguard.ecs-services", config.ecsServices(), "ECS services to park",
                false);
        return new ShutdownSettings(functions, instance, distribution, alert, tripwires, result, parameter,
                Duration.ofSeconds(drain), service, Duration.ofSeconds(timeout), rate, pool, dryRun, parked, ecs);
    }
}
