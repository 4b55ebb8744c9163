package dev.costguard.aws.ec2;

import dev.costguard.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The one EC2 client of a function, built with the project's shared client settings. */
@ApplicationScoped
public class Ec2ClientProducer {

    @Produces
    @ApplicationScoped
    Ec2Client ec2Client(AwsClients clients) {
        return clients.build(Ec2Client.builder());
    }

    void close(@Disposes Ec2Client client) {
        client.close();
    }
}
