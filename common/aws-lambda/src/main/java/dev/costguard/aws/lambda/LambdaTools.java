package dev.costguard.aws.lambda;

import dev.costguard.aws.AwsClients;


/**
 * For a command-line tool outside Quarkus (make doctor, make smoke): this module's adapters over their own client
 * from the shared setup ({@link AwsClients}), without CDI.
 */
public final class LambdaTools {

    private LambdaTools() {
    }

    public static LambdaFunctionThrottle functionThrottle(AwsClients clients) {
        return new LambdaFunctionThrottle(new LambdaClientProducer().lambdaClient(clients));
    }

    public static LambdaFunctionTags functionTags(AwsClients clients) {
        return new LambdaFunctionTags(new LambdaClientProducer().lambdaClient(clients));
    }
}
