package dev.costguard.aws.ssm;

import dev.costguard.aws.AwsClients;
import java.time.Duration;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * For a command-line tool or a test outside Quarkus: this module's adapters over their own plain client from the
 * shared setup ({@link AwsClients}), without CDI or the quarkus-amazon-ssm extension. Commands wait under the
 * clients' run deadline.
 */
public final class SsmTools {

    private SsmTools() {
    }

    public static SsmParameters parameters(AwsClients clients) {
        return new SsmParameters(clients.build(SsmClient.builder()));
    }

    /** {@code pollInterval}: how often a command's status is read while waiting (zero for tests). */
    public static SsmRemoteCommands remoteCommands(AwsClients clients, Duration pollInterval) {
        return new SsmRemoteCommands(clients.build(SsmClient.builder()), clients.deadline(), pollInterval);
    }
}
