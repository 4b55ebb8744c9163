package dev.costguard.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * How every AWS client is built, the same for all services. In Lambda none of these is set: the region comes
 * from AWS_REGION and credentials from the execution role. Locally, COSTGUARD_AWS_ENDPOINT_URL points every
 * client at one AWS-compatible endpoint (the demo's fake account, LocalStack, ...).
 */
@ConfigMapping(prefix = "costguard.aws")
public interface AwsClientConfig {

    String DEFAULT_MAX_ATTEMPTS = "4";
    String DEFAULT_CALL_TIMEOUT_SECONDS = "20";

    /** One endpoint for every service (COSTGUARD_AWS_ENDPOINT_URL); AWS's own endpoints when absent. */
    Optional<String> endpointUrl();

    /** COSTGUARD_AWS_REGION; the SDK's region chain (AWS_REGION in Lambda) when absent. */
    Optional<String> region();

    /** COSTGUARD_AWS_MAX_ATTEMPTS: attempts per call, first one included, throttling retries with backoff. */
    @WithDefault(DEFAULT_MAX_ATTEMPTS)
    String maxAttempts();

    /** COSTGUARD_AWS_CALL_TIMEOUT_SECONDS: the limit for one call including its retries. */
    @WithDefault(DEFAULT_CALL_TIMEOUT_SECONDS)
    String callTimeoutSeconds();
}
