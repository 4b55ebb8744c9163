package dev.costguard.core.ports;

/** A Lambda function's prior-state tags, by function name. */
public interface FunctionTags extends PriorStateTags {
}
