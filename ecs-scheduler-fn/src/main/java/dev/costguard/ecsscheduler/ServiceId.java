package dev.costguard.ecsscheduler;

/** One ECS service by cluster and service name, written "cluster/service" in settings and reports. */
public record ServiceId(String cluster, String service) {

    public String label() {
        return cluster + "/" + service;
    }

    @Override
    public String toString() {
        return label();
    }
}
