package dev.costguard.aws.ssm;

import dev.costguard.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;

/**
 * The one SSM client of a function: the quarkus-amazon-ssm extension's builder, which it configures from the
 * COSTGUARD_AWS_* settings (endpoint, region, call timeout, credentials: see aws-base's ServedClientSettings),
 * finished with the retries and the run-deadline interceptor its configuration cannot express.
 */
@ApplicationScoped
public class SsmClientProducer {

    @Produces
    @ApplicationScoped
    SsmClient ssmClient(SsmClientBuilder extensionBuilder, AwsClients clients) {
        return clients.finishServed(extensionBuilder);
    }

    void close(@Disposes SsmClient client) {
        client.close();
    }
}
