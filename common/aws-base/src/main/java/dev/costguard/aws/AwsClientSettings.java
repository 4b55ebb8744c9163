package dev.costguard.aws;

import dev.costguard.core.settings.SettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Checked client settings: see {@link AwsClientConfig}. An empty retry delay keeps the SDK's own backoff
 * (production); tests set a tiny one so retried throttling costs no wall-clock time.
 */
public record AwsClientSettings(Optional<URI> endpoint, Optional<String> region, int maxAttempts,
        Duration callTimeout, Optional<Duration> retryBaseDelay) {

    public static AwsClientSettings from(AwsClientConfig config) {
        SettingsReader reader = new SettingsReader();
        Optional<URI> endpoint = reader.optional(config.endpointUrl()).flatMap(url -> {
            try {
                URI uri = URI.create(url);
                if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                    reader.problem("costguard.aws.endpoint-url", "'" + url + "' is not an http(s) URL");
                    return Optional.empty();
                }
                return Optional.of(uri);
            } catch (IllegalArgumentException e) {
                reader.problem("costguard.aws.endpoint-url", "'" + url + "' is not a URL");
                return Optional.empty();
            }
        });
        int attempts = reader.integer("costguard.aws.max-attempts", config.maxAttempts(), 1, 10);
        int timeout = reader.integer("costguard.aws.call-timeout-seconds", config.callTimeoutSeconds(), 1, 900);
        reader.check();
        return new AwsClientSettings(endpoint, reader.optional(config.region()), attempts, Duration.ofSeconds(timeout),
                Optional.empty());
    }

    /** For adapter tests: a local endpoint, a fixed region, and retries without waiting. */
    public static AwsClientSettings local(URI endpoint, int maxAttempts) {
        return new AwsClientSettings(Optional.of(endpoint), Optional.of("eu-west-1"), maxAttempts,
                Duration.ofSeconds(10), Optional.of(Duration.ofMillis(1)));
    }
}
