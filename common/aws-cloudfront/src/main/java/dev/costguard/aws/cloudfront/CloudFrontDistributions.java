package dev.costguard.aws.cloudfront;

import dev.costguard.aws.AwsCall;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.Distributions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;

/**
 * A distribution's Enabled flag. CloudFront has no call that sets one field: an update sends the whole config
 * back with the ETag it was read with, and AWS refuses it (412) when someone changed the distribution in between.
 */
@ApplicationScoped
public class CloudFrontDistributions implements Distributions {

    private static final int PRECONDITION_FAILED = 412;

    private final CloudFrontClient cloudFront;

    @Inject
    public CloudFrontDistributions(CloudFrontClient cloudFront) {
        this.cloudFront = cloudFront;
    }

    @Override
    public boolean isEnabled(String distributionId) {
        return enabled(readConfig(distributionId));
    }

    @Override
    public boolean setEnabled(String distributionId, boolean enabled) {
        GetDistributionConfigResponse read = readConfig(distributionId);
        try {
            return writeEnabled(distributionId, read, enabled);
        } catch (CloudOperationException e) {
            if (e.httpStatus() != PRECONDITION_FAILED) {
                throw e;
            }
            // Someone updated the distribution between our read and our write: build on their version, once.
            return writeEnabled(distributionId, readConfig(distributionId), enabled);
        }
    }

    /** Returns Enabled as it was in the config read, the one this write replaces. */
    private boolean writeEnabled(String distributionId, GetDistributionConfigResponse read, boolean enabled) {
        boolean was = enabled(read);
        if (was != enabled) {
            AwsCall.run("UpdateDistribution", distributionId, () -> cloudFront.updateDistribution(r -> r
                    .id(distributionId)
                    .ifMatch(read.eTag())
                    .distributionConfig(read.distributionConfig().toBuilder().enabled(enabled).build())));
        }
        return was;
    }

    private GetDistributionConfigResponse readConfig(String distributionId) {
        return AwsCall.run("GetDistributionConfig", distributionId,
                () -> cloudFront.getDistributionConfig(r -> r.id(distributionId)));
    }

    private static boolean enabled(GetDistributionConfigResponse read) {
        return Boolean.TRUE.equals(read.distributionConfig().enabled());
    }
}
