package dev.costguard.aws.lambda;

import dev.costguard.aws.AwsCall;
import dev.costguard.core.ports.FunctionThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalInt;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConcurrencyResponse;

/** A function's reserved concurrency through the Lambda concurrency APIs. */
@ApplicationScoped
public class LambdaFunctionThrottle implements FunctionThrottle {

    private final LambdaClient lambda;

    @Inject
    public LambdaFunctionThrottle(LambdaClient lambda) {
        this.lambda = lambda;
    }

    @Override
    public OptionalInt reservedConcurrency(String functionName) {
        GetFunctionConcurrencyResponse response = AwsCall.run("GetFunctionConcurrency", functionName,
                () -> lambda.getFunctionConcurrency(r -> r.functionName(functionName)));
        Integer reserved = response.reservedConcurrentExecutions();
        return reserved == null ? OptionalInt.empty() : OptionalInt.of(reserved);
    }

    @Override
    public void reserveConcurrency(String functionName, int reserved) {
        AwsCall.run("PutFunctionConcurrency", functionName,
                () -> lambda.putFunctionConcurrency(r -> r.functionName(functionName).reservedConcurrentExecutions(reserved)));
    }

    @Override
    public void removeReservedConcurrency(String functionName) {
        AwsCall.run("DeleteFunctionConcurrency", functionName,
                () -> lambda.deleteFunctionConcurrency(r -> r.functionName(functionName)));
    }
}
