package dev.costguard.core.ports;

/** An EC2 instance's prior-state tags, by instance id. */
public interface InstanceTags extends PriorStateTags {
}
