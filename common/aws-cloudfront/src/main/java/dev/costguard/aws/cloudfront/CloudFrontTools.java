package dev.costguard.aws.cloudfront;

import dev.costguard.aws.AwsClients;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/**
 * For a command-line tool outside Quarkus (make doctor, make smoke): this module's adapters over their own client
 * from the shared setup ({@link AwsClients}), without CDI.
 */
public final class CloudFrontTools {

    private CloudFrontTools() {
    }

    public static CloudFrontDistributions distributions(AwsClients clients) {
        return new CloudFrontDistributions(clients.buildGlobal(CloudFrontClient.builder()));
    }

    public static CloudFrontDistributionTags distributionTags(AwsClients clients) {
        return new CloudFrontDistributionTags(clients.buildGlobal(CloudFrontClient.builder()));
    }
}
