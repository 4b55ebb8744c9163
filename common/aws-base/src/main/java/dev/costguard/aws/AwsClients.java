package dev.costguard.aws;

import dev.costguard.core.time.CurrentDeadline;
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
 * (429, ThrottlingException, TooManyRequestsException) and 5xx with backoff. Every call's timeout is capped to
 * the running Lambda invocation's deadline ({@link CurrentDeadline}).
 */
@ApplicationScoped
public class AwsClients {

    private final AwsClientSettings settings;
    private final CurrentDeadline deadline;

    @Inject
    public AwsClients(AwsClientConfig config, CurrentDeadline deadline) {
        this(AwsClientSettings.from(config), deadline);
    }

    public AwsClients(AwsClientSettings settings, CurrentDeadline deadline) {
        this.settings = settings;
        this.deadline = deadline;
    }

    /** For adapter tests and tools: no run deadline. */
    public AwsClients(AwsClientSettings settings) {
        this(settings, new CurrentDeadline(java.time.Clock.systemUTC()));
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
                .addExecutionInterceptor(new DeadlineInterceptor(deadline, settings.callTimeout()))
                .build());
        return builder.build();
    }

    public CurrentDeadline deadline() {
        return deadline;
    }

    public AwsClientSettings settings() {
        return settings;
    }
}
