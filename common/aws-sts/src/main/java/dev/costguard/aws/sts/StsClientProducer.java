package dev.costguard.aws.sts;

import dev.costguard.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.sts.StsClient;

/** The one STS client, built with the project's shared client settings. */
@ApplicationScoped
public class StsClientProducer {

    @Produces
    @ApplicationScoped
    public StsClient client(AwsClients clients) {
        return clients.build(StsClient.builder());
    }

    void close(@Disposes StsClient client) {
        client.close();
    }
}
