package dev.costguard.aws.lambda;

import dev.costguard.aws.AwsCall;
import dev.costguard.aws.AwsClients;
import dev.costguard.core.ports.FunctionInvoker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** One synchronous invocation through Lambda Invoke (RequestResponse). */
@ApplicationScoped
public class LambdaFunctionInvoker implements FunctionInvoker {

    private final LambdaClient lambda;

    /** For a command-line tool outside Quarkus (make doctor, make smoke): its own client from the shared setup. */
    public static LambdaFunctionInvoker standalone(AwsClients clients) {
        return new LambdaFunctionInvoker(clients.build(LambdaClient.builder()));
    }

    @Inject
    public LambdaFunctionInvoker(LambdaClient lambda) {
        this.lambda = lambda;
    }

    @Override
    public Invocation invoke(String functionName, String qualifier, String payload) {
        InvokeResponse response = AwsCall.run("Invoke", functionName + ":" + qualifier, () -> lambda.invoke(r -> r
                .functionName(functionName).qualifier(qualifier).invocationType(InvocationType.REQUEST_RESPONSE)
                .payload(SdkBytes.fromUtf8String(payload))));
        return new Invocation(response.statusCode(), Optional.ofNullable(response.functionError()),
                response.payload() == null ? "" : response.payload().asUtf8String());
    }
}
