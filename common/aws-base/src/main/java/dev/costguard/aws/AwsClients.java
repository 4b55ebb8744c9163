package dev.costguard.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * The one place AWS clients are configured: url-connection HTTP (small, starts fast, native-friendly),
 * the optional shared endpoint, the region, and the standard retry strategy, which retries throttling
 * (429, ThrottlingException, TooManyRequestsException) and 5xx with backoff.
 */
@ApplicationScoped
public class AwsClients {

    private final AwsClientSettings settings;

    /** Only past the settings gate: with bad settings no client is built and no AWS call is made. */
    @Inject
    public AwsClients(AwsClientConfig config, SettingsGate gate) {
        this(checked(config, gate));
    }

    public AwsClients(AwsClientSettings settings) {
        this.settings = settings;
    }

    private static AwsClientSettings checked(AwsClientConfig config, SettingsGate gate) {
        gate.requireValid();
        return AwsClientSettings.from(config);
    }

    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        settings.region().map(Region::of).ifPresent(builder::region);
        return configure(builder);
    }

    /** For global services (CloudFront): always signed for us-east-1, whatever region the function runs in. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C buildGlobal(B builder) {
        builder.region(Region.US_EAST_1);
        return configure(builder);
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        settings.endpoint().ifPresent(builder::endpointOverride);
        StandardRetryStrategy.Builder retry = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts());
        settings.retryBaseDelay().ifPresent(base -> {
            BackoffStrategy backoff = BackoffStrategy.exponentialDelay(base, base.multipliedBy(4));
            retry.backoffStrategy(backoff).throttlingBackoffStrategy(backoff).circuitBreakerEnabled(false);
        });
        builder.overrideConfiguration(ClientOverrideConfiguration.builder()
                .retryStrategy(retry.build())
                .apiCallTimeout(settings.callTimeout())
                .build());
        return builder.build();
    }

    public AwsClientSettings settings() {
        return settings;
    }
}
