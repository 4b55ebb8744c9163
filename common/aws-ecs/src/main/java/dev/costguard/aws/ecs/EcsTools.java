package dev.costguard.aws.ecs;

import dev.costguard.aws.AwsClients;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * For a command-line tool outside Quarkus (make doctor, make smoke): this module's adapters over their own client
 * from the shared setup ({@link AwsClients}), without CDI.
 */
public final class EcsTools {

    private EcsTools() {
    }

    public static EcsContainerServices containerServices(AwsClients clients) {
        return new EcsContainerServices(clients.build(EcsClient.builder()));
    }
}
