package dev.costguard.aws.ec2;

import dev.costguard.aws.AwsClients;
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
}
