package dev.costguard.aws;

import dev.costguard.core.settings.SettingsReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checked client settings: see {@link AwsClientConfig}. An empty retry delay keeps the SDK's own backoff
 * (production); tests set a tiny one so retried throttling costs no wall-clock time.
 */
public record AwsClientSettings(Optional<URI> endpoint, Optional<String> region, int maxAttempts,
        Duration callTimeout, Optional<Duration> retryBaseDelay) {

    static final int MAX_ATTEMPTS = 10;
    /** Lambda's own limit: no single call may outlast the longest function timeout. */
    static final int MAX_CALL_TIMEOUT_SECONDS = 900;
    /** eu-west-1, ap-northeast-1, us-gov-west-1, cn-north-1, ...: the SDK would take anything and fail on the first call. */
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    /** Checks the settings; throws one exception naming every bad variable. */
    public static AwsClientSettings from(AwsClientConfig config) {
        SettingsReader reader = new SettingsReader();
        AwsClientSettings settings = read(config, reader);
        reader.check();
        return settings;
    }

    /** Checks the settings into a reader shared with the function's own, so one message names every bad variable. */
    public static AwsClientSettings read(AwsClientConfig config, SettingsReader reader) {
        Optional<URI> endpoint = reader.optional(config.endpointUrl()).flatMap(url -> endpoint(url, reader));
        Optional<String> region = reader.optional(config.region());
        if (region.isPresent() && !REGION.matcher(region.get()).matches()) {
            reader.problem("costguard.aws.region", "'" + region.get() + "' is not an AWS region (e.g. ap-northeast-1)");
            region = Optional.empty();
        }
        int attempts = reader.integer("costguard.aws.max-attempts", config.maxAttempts(), 1, MAX_ATTEMPTS);
        int timeout = reader.integer("costguard.aws.call-timeout-seconds", config.callTimeoutSeconds(), 1, MAX_CALL_TIMEOUT_SECONDS);
        return new AwsClientSettings(endpoint, region, attempts, Duration.ofSeconds(timeout), Optional.empty());
    }

    /** An absolute http(s) URL with a host: anything else would only fail at the first AWS call. */
    private static Optional<URI> endpoint(String url, SettingsReader reader) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                reader.problem("costguard.aws.endpoint-url", "'" + url + "' is not an absolute http(s) URL (e.g. http://localhost:4566)");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            reader.problem("costguard.aws.endpoint-url", "'" + url + "' is not a URL (" + e.getReason() + ")");
            return Optional.empty();
        }
    }

    /** For adapter tests: a local endpoint, a fixed region, and retries without waiting. */
    public static AwsClientSettings local(URI endpoint, int maxAttempts) {
        return new AwsClientSettings(Optional.of(endpoint), Optional.of("eu-west-1"), maxAttempts,
                Duration.ofSeconds(10), Optional.of(Duration.ofMillis(1)));
    }
}
