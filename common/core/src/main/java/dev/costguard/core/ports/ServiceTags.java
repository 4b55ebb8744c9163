package dev.costguard.core.ports;

/**
 * An ECS service's prior-state tags, by "cluster/service". ECS tags a service only by its long ARN
 * (arn:aws:ecs:region:account:service/cluster/service); an adapter refuses a service that still has the short one.
 */
public interface ServiceTags extends PriorStateTags {
}
