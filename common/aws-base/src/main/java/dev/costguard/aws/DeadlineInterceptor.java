package dev.costguard.aws;

import dev.costguard.core.time.CurrentDeadline;
import dev.costguard.core.time.Deadline;
import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Caps every call's timeout (retries included) to what the run has left, so a silent endpoint cannot keep a run
 * past its Lambda timeout; with no time left the call is not sent at all.
 */
final class DeadlineInterceptor implements ExecutionInterceptor {

    private final CurrentDeadline current;
    private final Duration configured;

    DeadlineInterceptor(CurrentDeadline current, Duration configured) {
        this.current = current;
        this.configured = configured;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        Duration timeout = current.capCall(configured);
        if (timeout.isZero()) {
            throw SdkClientException.create(Deadline.NO_TIME);
        }
        if (timeout.equals(configured) || !(request instanceof AwsRequest aws)) {
            return request;
        }
        AwsRequestOverrideConfiguration.Builder override = aws.overrideConfiguration()
                .map(AwsRequestOverrideConfiguration::toBuilder)
                .orElseGet(AwsRequestOverrideConfiguration::builder);
        return aws.toBuilder().overrideConfiguration(override.apiCallTimeout(timeout).build()).build();
    }
}
