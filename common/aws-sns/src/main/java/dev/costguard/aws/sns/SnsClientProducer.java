package dev.costguard.aws.sns;

import dev.costguard.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.sns.SnsClient;

/** The one SNS client of a function, built with the project's shared client settings. */
@ApplicationScoped
public class SnsClientProducer {

    @Produces
    @ApplicationScoped
    SnsClient snsClient(AwsClients clients) {
        return clients.build(SnsClient.builder());
    }

    void close(@Disposes SnsClient client) {
        client.close();
    }
}
