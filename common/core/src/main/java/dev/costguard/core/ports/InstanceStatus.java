package dev.costguard.core.ports;

/** What DescribeInstances says of one instance; the addresses are null while the instance has none. */
public record InstanceStatus(String instanceId, InstanceState state, String privateIp, String publicIp) {
}
