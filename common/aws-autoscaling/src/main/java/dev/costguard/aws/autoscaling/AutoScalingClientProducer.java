package dev.costguard.aws.autoscaling;

import dev.costguard.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;

/** The one Application Auto Scaling client of a function, built with the project's shared client settings. */
@ApplicationScoped
public class AutoScalingClientProducer {

    @Produces
    @ApplicationScoped
    ApplicationAutoScalingClient applicationAutoScalingClient(AwsClients clients) {
        return clients.build(ApplicationAutoScalingClient.builder());
    }

    void close(@Disposes ApplicationAutoScalingClient client) {
        client.close();
    }
}
