package dev.costguard.aws.lambda;

import dev.costguard.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** The one Lambda client of a function, built with the project's shared client settings. */
@ApplicationScoped
public class LambdaClientProducer {

    @Produces
    @ApplicationScoped
    public LambdaClient lambdaClient(AwsClients clients) {
        return clients.build(LambdaClient.builder());
    }

    void close(@Disposes LambdaClient client) {
        client.close();
    }
}
