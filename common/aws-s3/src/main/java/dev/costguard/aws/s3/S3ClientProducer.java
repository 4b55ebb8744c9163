package dev.costguard.aws.s3;

import dev.costguard.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one S3 client, built with the project's shared client settings. Path-style addressing when an endpoint is
 * set: a local endpoint has no DNS for bucket.host names.
 */
@ApplicationScoped
public class S3ClientProducer {

    @Produces
    @ApplicationScoped
    public S3Client client(AwsClients clients) {
        return clients.build(S3Client.builder().forcePathStyle(clients.settings().endpoint().isPresent()));
    }

    void close(@Disposes S3Client client) {
        client.close();
    }
}
