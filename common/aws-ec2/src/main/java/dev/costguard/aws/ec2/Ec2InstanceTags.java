package dev.costguard.aws.ec2;

import dev.costguard.aws.AwsCall;
import dev.costguard.core.ports.InstanceTags;
import dev.costguard.core.snapshot.PriorTags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * An instance's prior-state tags: read from the instance's own tag set (DescribeInstances, which the kill switch may
 * already call), written with CreateTags and removed with DeleteTags by key whatever the value.
 */
@ApplicationScoped
public class Ec2InstanceTags implements InstanceTags {

    private final Ec2Client ec2;

    @Inject
    public Ec2InstanceTags(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public Map<String, String> readPriorTags(String instanceId) {
        Map<String, String> prior = new TreeMap<>();
        AwsCall.run("DescribeInstances", instanceId, () -> ec2.describeInstances(r -> r.instanceIds(instanceId)))
                .reservations().stream().map(Reservation::instances).flatMap(Collection::stream)
                .filter(instance -> instanceId.equals(instance.instanceId()))
                .flatMap(instance -> instance.tags().stream())
                .filter(tag -> tag.key().startsWith(PriorTags.PREFIX))
                .forEach(tag -> prior.put(tag.key(), tag.value()));
        return prior;
    }

    @Override
    public void writePriorTags(String instanceId, Map<String, String> tags) {
        AwsCall.run("CreateTags", instanceId, () -> ec2.createTags(r -> r.resources(instanceId).tags(tags.entrySet()
                .stream().map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build()).toList())));
    }

    @Override
    public void removePriorTags(String instanceId, Collection<String> keys) {
        AwsCall.run("DeleteTags", instanceId, () -> ec2.deleteTags(r -> r.resources(instanceId)
                .tags(keys.stream().map(key -> Tag.builder().key(key).build()).toList())));
    }
}
