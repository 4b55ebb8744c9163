package dev.costguard.core.fakes;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.function.IntSupplier;

/**
 * A Lambda Context for the functions' tests. The functions read only its remaining time; the other answers are
 * fixed and read by nobody. The functions' test classpaths have the Lambda runtime interface through Quarkus; core
 * has it at test scope only, for this class.
 */
public final class FakeContext implements Context {

    private final IntSupplier remainingMillis;

    private FakeContext(IntSupplier remainingMillis) {
        this.remainingMillis = remainingMillis;
    }

    /** A Context that always reports the same remaining time, e.g. a run close to its timeout. */
    public static FakeContext remaining(int millis) {
        return new FakeContext(() -> millis);
    }

    /** A Context whose remaining time runs down with the wall clock to a real deadline, as Lambda's does. */
    public static FakeContext runningUntil(long deadlineEpochMillis) {
        return new FakeContext(() -> (int) (deadlineEpochMillis - System.currentTimeMillis()));
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis.getAsInt();
    }

    @Override
    public String getAwsRequestId() {
        return "test-request";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/cost-guard-test";
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return "cost-guard-test";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:ap-northeast-1:123456789012:function:cost-guard-test";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return null;
    }
}
