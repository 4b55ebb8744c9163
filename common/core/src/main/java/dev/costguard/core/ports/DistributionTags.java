package dev.costguard.core.ports;

/** A CloudFront distribution's prior-state tags, by distribution id. */
public interface DistributionTags extends PriorStateTags {
}
