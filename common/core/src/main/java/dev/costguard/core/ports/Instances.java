package dev.costguard.core.ports;

import java.time.Duration;

/** EC2 instances, by id. */
public interface Instances {

    InstanceStatus describe(String instanceId);

    /** Asks AWS to stop the instance and returns the state AWS reports right after the call. */
    InstanceState stop(String instanceId);

    /** Asks AWS to start the instance and returns the state AWS reports right after the call. */
    InstanceState start(String instanceId);

    /** Waits until the instance is running, failing when it does not get there within the timeout. */
    InstanceStatus awaitRunning(String instanceId, Duration timeout);

    /** Waits until the instance is stopped, failing when it does not get there within the timeout. */
    InstanceStatus awaitStopped(String instanceId, Duration timeout);
}
