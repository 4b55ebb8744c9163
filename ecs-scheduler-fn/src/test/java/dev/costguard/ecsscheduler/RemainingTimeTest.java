package dev.costguard.ecsscheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The handler's reading of the Lambda Context: a real remaining time is used, anything Lambda cannot mean is not. */
class RemainingTimeTest {

    private static Context remaining(int millis) {
        return new Context() {
            @Override public String getAwsRequestId() { return "r"; }
            @Override public String getLogGroupName() { return null; }
            @Override public String getLogStreamName() { return null; }
            @Override public String getFunctionName() { return "ecs-scheduler"; }
            @Override public String getFunctionVersion() { return "$LATEST"; }
            @Override public String getInvokedFunctionArn() { return null; }
            @Override public CognitoIdentity getIdentity() { return null; }
            @Override public ClientContext getClientContext() { return null; }
            @Override public int getRemainingTimeInMillis() { return millis; }
            @Override public int getMemoryLimitInMB() { return 256; }
            @Override public LambdaLogger getLogger() { return null; }
        };
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 59_000, 900_000 })
    void aRemainingTimeLambdaCanMeanIsUsed(int millis) {
        assertThat(EcsSchedulerHandler.remaining(remaining(millis))).isEqualTo(Duration.ofMillis(millis));
    }

    /** Quarkus's mock event server sends no deadline, so its Context answers "0 minus now" cut to an int. */
    @ParameterizedTest
    @ValueSource(ints = { 0, -1, Integer.MIN_VALUE, 900_001, Integer.MAX_VALUE })
    void anythingElseIsTheFunctionsOwnTimeout(int millis) {
        assertThat(EcsSchedulerHandler.remaining(remaining(millis))).isEqualTo(EcsSchedulerHandler.ASSUMED_TIMEOUT);
    }

    @Test
    void noContextIsTheFunctionsOwnTimeout() {
        assertThat(EcsSchedulerHandler.remaining(null)).isEqualTo(Duration.ofSeconds(60));
    }
}
