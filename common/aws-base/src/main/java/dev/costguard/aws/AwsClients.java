package dev.costguard.aws;

import dev.costguard.core.time.CurrentDeadline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkSystemSetting;
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
 * <p>
 * Region and credentials come from where Lambda puts them, not from the SDK's default chains: those read the
 * shared profile files and fall back to the instance metadata service, which costs a cold start class loading
 * and file reads for sources Lambda never uses (docs/BENCHMARKS.md, cold start).
 */
@ApplicationScoped
public class AwsClients {

    private final AwsClientSettings settings;
    private final CurrentDeadline deadline;
    private final AwsCredentialsProvider credentials;

    /**
     * Only past the settings gate: with bad settings no client is built and no AWS call is made. The credentials are
     * the one chain the extensions' clients use too ({@link LambdaCredentials}), so a cold start or a restore asks
     * the container endpoint once, not once per chain.
     */
    @Inject
    public AwsClients(AwsClientConfig config, SettingsGate gate, CurrentDeadline deadline,
            @Named(LambdaCredentials.NAME) AwsCredentialsProvider credentials) {
        this(checked(config, gate), deadline, credentials);
    }

    public AwsClients(AwsClientSettings settings, CurrentDeadline deadline) {
        this(settings, deadline, lambdaCredentials());
    }

    private AwsClients(AwsClientSettings settings, CurrentDeadline deadline, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.deadline = deadline;
        this.credentials = credentials;
    }

    /**
     * For a person's command-line tool (make doctor, make smoke), run with the deployer's credentials: the SDK's default
     * chain, which also reads the profile files and SSO token caches of a developer's machine (AWS_PROFILE), unlike the
     * Lambda chain above.
     */
    public static AwsClients forDeployer(AwsClientSettings settings, CurrentDeadline deadline) {
        return new AwsClients(settings, deadline, DefaultCredentialsProvider.builder().build());
    }

    /** For adapter tests and tools: no run deadline. */
    public AwsClients(AwsClientSettings settings) {
        this(settings, new CurrentDeadline(java.time.Clock.systemUTC()));
    }

    private static AwsClientSettings checked(AwsClientConfig config, SettingsGate gate) {
        gate.requireValid();
        return AwsClientSettings.from(config);
    }

    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        region(settings).map(Region::of).ifPresent(builder::region);
        return configure(builder);
    }

    /**
     * COSTGUARD_AWS_REGION, else the aws.region property or AWS_REGION (which Lambda always sets); only when none is
     * set (a developer's machine) does the SDK's own region chain run.
     */
    static java.util.Optional<String> region(AwsClientSettings settings) {
        return settings.region().or(SdkSystemSetting.AWS_REGION::getStringValue);
    }

    /**
     * Asked again on every resolution, never pinned to the first source that answered: system properties (tests,
     * tools), then the variables Lambda sets, then the container credentials endpoint, which is what a SnapStart
     * function gets instead of keys in its environment, so a restored snapshot fetches fresh credentials rather
     * than reusing the ones present when the snapshot was taken.
     */
    static AwsCredentialsProvider lambdaCredentials() {
        return AwsCredentialsProviderChain.builder()
                .reuseLastProviderEnabled(false)
                .credentialsProviders(SystemPropertyCredentialsProvider.create(),
                        EnvironmentVariableCredentialsProvider.create(),
                        ContainerCredentialsProvider.builder().build())
                .build();
    }

    /** For global services (CloudFront): always signed for us-east-1, whatever region the function runs in. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C buildGlobal(B builder) {
        builder.region(Region.US_EAST_1);
        return configure(builder);
    }

    /**
     * Finishes a client builder that a Quarkus extension (quarkus-amazon-ssm, quarkus-amazon-sns) has already
     * configured from the same COSTGUARD_AWS_* settings ({@link ServedClientSettings} maps them onto its endpoint,
     * region, call timeout and credentials): adds what its configuration cannot say, the retry strategy and the
     * run-deadline interceptor, and keeps everything the extension set.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C finishServed(B extensionBuilder) {
        ClientOverrideConfiguration configured = extensionBuilder.overrideConfiguration();
        extensionBuilder.overrideConfiguration(withRetriesAndDeadline(configured.toBuilder()).build());
        return extensionBuilder.build();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        builder.credentialsProvider(credentials);
        settings.endpoint().ifPresent(builder::endpointOverride);
        builder.overrideConfiguration(withRetriesAndDeadline(ClientOverrideConfiguration.builder())
                .apiCallTimeout(settings.callTimeout())
                .build());
        return builder.build();
    }

    private ClientOverrideConfiguration.Builder withRetriesAndDeadline(ClientOverrideConfiguration.Builder override) {
        StandardRetryStrategy.Builder retry = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts());
        settings.retryBaseDelay().ifPresent(base -> {
            BackoffStrategy backoff = BackoffStrategy.exponentialDelay(base, base.multipliedBy(4));
            retry.backoffStrategy(backoff).throttlingBackoffStrategy(backoff).circuitBreakerEnabled(false);
        });
        return override.retryStrategy(retry.build())
                .addExecutionInterceptor(new DeadlineInterceptor(deadline, settings.callTimeout()));
    }

    public CurrentDeadline deadline() {
        return deadline;
    }

    public AwsClientSettings settings() {
        return settings;
    }
}
