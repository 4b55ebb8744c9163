package dev.costguard.aws.sfn;

import dev.costguard.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The one Step Functions client, built with the project's shared client settings. */
@ApplicationScoped
public class SfnClientProducer {

    @Produces
    @ApplicationScoped
    public SfnClient client(AwsClients clients) {
        return clients.build(SfnClient.builder());
    }

    void close(@Disposes SfnClient client) {
        client.close();
    }
}
