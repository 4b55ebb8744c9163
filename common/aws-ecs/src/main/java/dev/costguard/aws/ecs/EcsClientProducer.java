package dev.costguard.aws.ecs;

import dev.costguard.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.ecs.EcsClient;

/** The one ECS client of a function, built with the project's shared client settings. */
@ApplicationScoped
public class EcsClientProducer {

    @Produces
    @ApplicationScoped
    EcsClient ecsClient(AwsClients clients) {
        return clients.build(EcsClient.builder());
    }

    void close(@Disposes EcsClient client) {
        client.close();
    }
}
