package dev.costguard.aws.cloudfront;

import dev.costguard.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/** The one CloudFront client of a function: a global service, signed for the global region wherever the function runs. */
@ApplicationScoped
public class CloudFrontClientProducer {

    @Produces
    @ApplicationScoped
    CloudFrontClient cloudFrontClient(AwsClients clients) {
        return clients.buildGlobal(CloudFrontClient.builder());
    }

    void close(@Disposes CloudFrontClient client) {
        client.close();
    }
}
