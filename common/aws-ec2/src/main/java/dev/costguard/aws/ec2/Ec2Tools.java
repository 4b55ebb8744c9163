package dev.costguard.aws.ec2;

import dev.costguard.aws.AwsClients;
import java.time.Duration;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * For a command-line tool outside Quarkus (make doctor, make smoke): this module's adapters over their own client
 * from the shared setup ({@link AwsClients}), without CDI.
 */
public final class Ec2Tools {

    private Ec2Tools() {
    }

    public static Ec2Instances instances(AwsClients clients) {
        return new Ec2Instances(clients.build(Ec2Client.builder()));
    }

    /** For tests against a local fake account: waits that poll at this interval. */
    public static Ec2Instances instances(AwsClients clients, Duration pollInterval) {
        return new Ec2Instances(clients.build(Ec2Client.builder()), pollInterval);
    }

    public static Ec2InstanceTags instanceTags(AwsClients clients) {
        return new Ec2InstanceTags(clients.build(Ec2Client.builder()));
    }
}
