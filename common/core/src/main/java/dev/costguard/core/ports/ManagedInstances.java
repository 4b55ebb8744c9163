package dev.costguard.core.ports;

import java.util.Optional;

/** Instances Systems Manager manages (DescribeInstanceInformation): those Run Command can reach. */
public interface ManagedInstances {

    /** The instance as SSM sees it, or empty when SSM does not manage it (no agent, no instance profile). */
    Optional<ManagedInstance> find(String instanceId);

    /** SSM's view of one instance: {@code pingStatus} is Online, ConnectionLost or Inactive. */
    record ManagedInstance(String instanceId, String pingStatus, String agentVersion, String platform) {

        public boolean online() {
            return "Online".equals(pingStatus);
        }
    }
}
