package dev.costguard.aws.ecs;

import dev.costguard.aws.AwsCall;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.ContainerServices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Service;

/** ECS service sizes and forced redeployments through DescribeServices and UpdateService. */
@ApplicationScoped
public class EcsContainerServices implements ContainerServices {

    private final EcsClient ecs;

    @Inject
    public EcsContainerServices(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Override
    public int desiredCount(String cluster, String service) {
        return describe(ecs, cluster, service).desiredCount();
    }

    /**
     * The service as DescribeServices sees it. A service listed under failures, missing from the answer or INACTIVE
     * is a {@link CloudOperationException}, never a service with a count of 0.
     */
    static Service describe(EcsClient ecs, String cluster, String service) {
        String target = cluster + "/" + service;
        DescribeServicesResponse response = AwsCall.run("DescribeServices", target,
                () -> ecs.describeServices(r -> r.cluster(cluster).services(service)));
        // DescribeServices answers 200 for a service that does not exist and lists it under failures instead.
        if (response.hasFailures() && !response.failures().isEmpty()) {
            Failure failure = response.failures().get(0);
            throw new CloudOperationException("DescribeServices", failure.reason(), 200,
                    "DescribeServices " + target + " failed: " + failure.reason()
                            + (failure.detail() == null ? "" : " (" + failure.detail() + ")"),
                    null);
        }
        Service found = response.services().stream()
                .filter(s -> service.equals(s.serviceName()) || s.serviceArn() != null && s.serviceArn().endsWith("/" + service))
                .findFirst()
                .orElseThrow(() -> new CloudOperationException("DescribeServices", "MISSING", 200,
                        "DescribeServices " + target + " failed: the answer does not describe the service", null));
        // A deleted service stays visible as INACTIVE for a while; its count means nothing.
        if ("INACTIVE".equals(found.status())) {
            throw new CloudOperationException("DescribeServices", "INACTIVE", 200,
                    "DescribeServices " + target + " failed: the service is INACTIVE (deleted)", null);
        }
        return found;
    }

    @Override
    public void setDesiredCount(String cluster, String service, int desiredCount) {
        AwsCall.run("UpdateService", cluster + "/" + service,
                () -> ecs.updateService(r -> r.cluster(cluster).service(service).desiredCount(desiredCount)));
    }

    @Override
    public void forceNewDeployment(String cluster, String service) {
        AwsCall.run("UpdateService", cluster + "/" + service,
                () -> ecs.updateService(r -> r.cluster(cluster).service(service).forceNewDeployment(true)));
    }
}
