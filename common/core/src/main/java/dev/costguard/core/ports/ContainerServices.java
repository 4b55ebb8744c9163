package dev.costguard.core.ports;

/** ECS services: how many tasks one is asked to run, changing that number, and restarting its tasks. */
public interface ContainerServices {

    /**
     * The service's desired count (DescribeServices). A service that does not exist or was deleted is a
     * {@link CloudOperationException}, never a count of 0: a scheduler must not remember a size it never read.
     */
    int desiredCount(String cluster, String service);

    /** Asks the service to run this many tasks (UpdateService); ECS starts or stops tasks on its own afterwards. */
    void setDesiredCount(String cluster, String service, int desiredCount);

    /**
     * Replaces the service's tasks with new ones of the same task definition (UpdateService with
     * forceNewDeployment), so they start again and read their configuration (a new mount-target list) afresh.
     */
    void forceNewDeployment(String cluster, String service);
}
