package dev.costguard.aws.efs;

import dev.costguard.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.efs.EfsClient;

/** The one EFS client of a function, built with the project's shared client settings. */
@ApplicationScoped
public class EfsClientProducer {

    @Produces
    @ApplicationScoped
    EfsClient efsClient(AwsClients clients) {
        return clients.build(EfsClient.builder());
    }

    void close(@Disposes EfsClient client) {
        client.close();
    }
}
