package dev.costguard.aws.ecs;

import dev.costguard.aws.AwsCall;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.ServiceId;
import dev.costguard.core.ports.ServiceTags;
import dev.costguard.core.snapshot.PriorTags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * An ECS service's prior-state tags through ListTagsForResource, TagResource and UntagResource on the service's ARN,
 * which DescribeServices gives. ECS tags only services with the long ARN (arn:aws:ecs:region:account:service/
 * cluster/service); one that still has the short ARN is refused here with what to do, before any tagging call.
 */
@ApplicationScoped
public class EcsServiceTags implements ServiceTags {

    private final EcsClient ecs;

    @Inject
    public EcsServiceTags(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Override
    public Map<String, String> readPriorTags(String resource) {
        String arn = longArn(resource);
        ListTagsForResourceResponse response = AwsCall.run("ListTagsForResource", resource,
                () -> ecs.listTagsForResource(r -> r.resourceArn(arn)));
        Map<String, String> prior = new LinkedHashMap<>();
        for (Tag tag : response.tags()) {
            if (tag.key().startsWith(PriorTags.PREFIX)) {
                prior.put(tag.key(), tag.value());
            }
        }
        return prior;
    }

    @Override
    public void writePriorTags(String resource, Map<String, String> tags) {
        String arn = longArn(resource);
        List<Tag> written = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
        AwsCall.run("TagResource", resource, () -> ecs.tagResource(r -> r.resourceArn(arn).tags(written)));
    }

    @Override
    public void removePriorTags(String resource, Collection<String> keys) {
        String arn = longArn(resource);
        AwsCall.run("UntagResource", resource, () -> ecs.untagResource(r -> r.resourceArn(arn).tagKeys(keys)));
    }

    /** The service's ARN from DescribeServices, refused when it is the short form ECS cannot tag. */
    private String longArn(String resource) {
        ServiceId id = ServiceId.parse(resource).orElseThrow(() -> new IllegalArgumentException(
                "'" + resource + "' is not cluster/service"));
        String arn = EcsContainerServices.describe(ecs, id.cluster(), id.service()).serviceArn();
        if (arn == null || !arn.endsWith(":service/" + id.cluster() + "/" + id.service())) {
            throw new CloudOperationException("TagResource", "ShortArnFormat", 0, resource + " has the short service ARN "
                    + arn + ", which ECS cannot tag: migrate it to the long ARN format (the ECS developer guide's "
                    + "'Migrate an Amazon ECS short service ARN to a long ARN')", null);
        }
        return arn;
    }
}
