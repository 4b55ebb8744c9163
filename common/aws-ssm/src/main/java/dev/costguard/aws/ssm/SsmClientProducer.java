package dev.costguard.aws.ssm;

import dev.costguard.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The one SSM client of a function, built with the project's shared client settings. */
@ApplicationScoped
public class SsmClientProducer {

    @Produces
    @ApplicationScoped
    SsmClient ssmClient(AwsClients clients) {
        return clients.build(SsmClient.builder());
    }

    void close(@Disposes SsmClient client) {
        client.close();
    }
}
