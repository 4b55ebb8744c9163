package dev.costguard.aws.autoscaling;

import dev.costguard.aws.AwsCall;
import dev.costguard.core.ports.ScalableTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * The scalable targets of ECS services (namespace ecs, dimension ecs:service:DesiredCount, resource id
 * service/&lt;cluster&gt;/&lt;service&gt;), read with DescribeScalableTargets and changed by registering the same
 * target again with new bounds, which is how Application Auto Scaling updates an existing target.
 */
@ApplicationScoped
public class EcsScalableTargets implements ScalableTargets {

    private final ApplicationAutoScalingClient autoScaling;

    @Inject
    public EcsScalableTargets(ApplicationAutoScalingClient autoScaling) {
        this.autoScaling = autoScaling;
    }

    public static String resourceId(String cluster, String service) {
        return "service/" + cluster + "/" + service;
    }

    @Override
    public Optional<Capacity> find(String cluster, String service) {
        String resourceId = resourceId(cluster, service);
        return AwsCall.run("DescribeScalableTargets", resourceId, () -> autoScaling.describeScalableTargets(r -> r
                        .serviceNamespace(ServiceNamespace.ECS)
                        .resourceIds(resourceId)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)))
                .scalableTargets().stream()
                .filter(t -> resourceId.equals(t.resourceId()))
                .findFirst()
                .map(EcsScalableTargets::capacity);
    }

    @Override
    public void setCapacity(String cluster, String service, Capacity capacity) {
        String resourceId = resourceId(cluster, service);
        AwsCall.run("RegisterScalableTarget", resourceId, () -> autoScaling.registerScalableTarget(r -> r
                .serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resourceId)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                .minCapacity(capacity.min())
                .maxCapacity(capacity.max())));
    }

    private static Capacity capacity(ScalableTarget target) {
        return new Capacity(target.minCapacity(), target.maxCapacity());
    }
}
