package dev.costguard.aws.s3;

import dev.costguard.aws.AwsCall;
import dev.costguard.aws.AwsClients;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.StateBuckets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/** A state bucket's existence (HeadBucket), versioning (GetBucketVersioning) and public access block. */
@ApplicationScoped
public class S3StateBuckets implements StateBuckets {

    private final S3Client s3;

    /** For a command-line tool outside Quarkus (make doctor, make smoke): its own client from the shared setup. */
    public static S3StateBuckets standalone(AwsClients clients) {
        return new S3StateBuckets(new S3ClientProducer().client(clients));
    }

    @Inject
    public S3StateBuckets(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Optional<Posture> posture(String bucket) {
        try {
            AwsCall.run("HeadBucket", bucket, () -> s3.headBucket(r -> r.bucket(bucket)));
        } catch (CloudOperationException e) {
            // HeadBucket has no body, so a missing bucket is only its 404.
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        GetBucketVersioningResponse versioning = AwsCall.run("GetBucketVersioning", bucket,
                () -> s3.getBucketVersioning(r -> r.bucket(bucket)));
        return Optional.of(new Posture(Optional.ofNullable(versioning.statusAsString()), publicAccessBlocked(bucket)));
    }

    private boolean publicAccessBlocked(String bucket) {
        PublicAccessBlockConfiguration block;
        try {
            block = AwsCall.run("GetPublicAccessBlock", bucket,
                    () -> s3.getPublicAccessBlock(r -> r.bucket(bucket))).publicAccessBlockConfiguration();
        } catch (CloudOperationException e) {
            // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetPublicAccessBlock.html
            if ("NoSuchPublicAccessBlockConfiguration".equals(e.errorCode())) {
                return false;
            }
            throw e;
        }
        return Boolean.TRUE.equals(block.blockPublicAcls()) && Boolean.TRUE.equals(block.ignorePublicAcls())
                && Boolean.TRUE.equals(block.blockPublicPolicy()) && Boolean.TRUE.equals(block.restrictPublicBuckets());
    }
}
