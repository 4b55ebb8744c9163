package dev.costguard.aws.efs;

import dev.costguard.aws.AwsClients;
import software.amazon.awssdk.services.efs.EfsClient;

/**
 * For a command-line tool outside Quarkus (make doctor, make smoke): this module's adapters over their own client
 * from the shared setup ({@link AwsClients}), without CDI.
 */
public final class EfsTools {

    private EfsTools() {
    }

    public static EfsMountTargets mountTargets(AwsClients clients) {
        return new EfsMountTargets(clients.build(EfsClient.builder()));
    }
}
