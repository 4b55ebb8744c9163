package dev.costguard.aws.cloudfront;

import dev.costguard.aws.AwsCall;
import dev.costguard.core.ports.DistributionTags;
import dev.costguard.core.snapshot.PriorTags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.Tag;

/**
 * A distribution's prior-state tags through ListTagsForResource, TagResource and UntagResource. CloudFront tags a
 * distribution by its ARN, read once per distribution (GetDistribution) and kept for the life of the container.
 */
@ApplicationScoped
public class CloudFrontDistributionTags implements DistributionTags {

    private final CloudFrontClient cloudFront;
    private final Map<String, String> arns = new ConcurrentHashMap<>();

    @Inject
    public CloudFrontDistributionTags(CloudFrontClient cloudFront) {
        this.cloudFront = cloudFront;
    }

    @Override
    public Map<String, String> readPriorTags(String distributionId) {
        String arn = arn(distributionId);
        Map<String, String> prior = new TreeMap<>();
        AwsCall.run("ListTagsForResource", distributionId, () -> cloudFront.listTagsForResource(r -> r.resource(arn)))
                .tags().items().stream().filter(tag -> tag.key().startsWith(PriorTags.PREFIX))
                .forEach(tag -> prior.put(tag.key(), tag.value()));
        return prior;
    }

    @Override
    public void writePriorTags(String distributionId, Map<String, String> tags) {
        String arn = arn(distributionId);
        List<Tag> items = tags.entrySet().stream()
                .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList();
        AwsCall.run("TagResource", distributionId,
                () -> cloudFront.tagResource(r -> r.resource(arn).tags(t -> t.items(items))));
    }

    @Override
    public void removePriorTags(String distributionId, Collection<String> keys) {
        String arn = arn(distributionId);
        List<String> items = List.copyOf(keys);
        AwsCall.run("UntagResource", distributionId,
                () -> cloudFront.untagResource(r -> r.resource(arn).tagKeys(k -> k.items(items))));
    }

    private String arn(String distributionId) {
        String known = arns.get(distributionId);
        if (known != null) {
            return known;
        }
        String arn = AwsCall.run("GetDistribution", distributionId,
                () -> cloudFront.getDistribution(r -> r.id(distributionId))).distribution().arn();
        arns.put(distributionId, arn);
        return arn;
    }
}
