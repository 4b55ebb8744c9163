package dev.costguard.aws.sns;

import dev.costguard.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/**
 * The one SNS client of a function: the quarkus-amazon-sns extension's builder, which it configures from the
 * COSTGUARD_AWS_* settings (endpoint, region, call timeout, credentials: see aws-base's ServedClientSettings),
 * finished with the retries and the run-deadline interceptor its configuration cannot express.
 */
@ApplicationScoped
public class SnsClientProducer {

    @Produces
    @ApplicationScoped
    SnsClient snsClient(SnsClientBuilder extensionBuilder, AwsClients clients) {
        return clients.finishServed(extensionBuilder);
    }

    void close(@Disposes SnsClient client) {
        client.close();
    }
}
