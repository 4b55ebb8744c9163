package dev.costguard.aws.sns;

import dev.costguard.aws.AwsClients;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * For a command-line tool outside Quarkus (make doctor, make smoke): this module's adapters over their own client
 * from the shared setup ({@link AwsClients}), without CDI.
 */
public final class SnsTools {

    private SnsTools() {
    }

    public static SnsNotifier notifier(AwsClients clients) {
        return new SnsNotifier(clients.build(SnsClient.builder()));
    }
}
