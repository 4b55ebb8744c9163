package dev.costguard.aws;

import dev.costguard.core.settings.SettingsSection;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The AWS clients' settings as raw values, as the environment would give them; null is an unset variable. Shared
 * with the functions' tests (aws-base's test-jar).
 */
public record RawAwsClientConfig(String rawEndpointUrl, String rawRegion, String maxAttempts, String callTimeoutSeconds)
        implements AwsClientConfig {

    /** Nothing set: AWS's own endpoints, the SDK's region, the default attempts and call timeout. */
    public static RawAwsClientConfig defaults() {
        return new RawAwsClientConfig(null, null, DEFAULT_MAX_ATTEMPTS, DEFAULT_CALL_TIMEOUT_SECONDS);
    }

    public RawAwsClientConfig withEndpointUrl(String endpointUrl) {
        return new RawAwsClientConfig(endpointUrl, rawRegion, maxAttempts, callTimeoutSeconds);
    }

    public RawAwsClientConfig withMaxAttempts(String attempts) {
        return new RawAwsClientConfig(rawEndpointUrl, rawRegion, attempts, callTimeoutSeconds);
    }

    @Override
    public Optional<String> endpointUrl() {
        return Optional.ofNullable(rawEndpointUrl);
    }

    @Override
    public Optional<String> region() {
        return Optional.ofNullable(rawRegion);
    }

    /** The start-up check of the function's sections and these client settings, logging nowhere. */
    public SettingsGate quietGate(List<SettingsSection> functionSections) {
        return new SettingsGate(functionSections, this,
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8), Clock.systemUTC());
    }
}
