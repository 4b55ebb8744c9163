package dev.costguard.aws.logs;

import dev.costguard.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/** The one CloudWatch Logs client, built with the project's shared client settings. */
@ApplicationScoped
public class CloudWatchLogsClientProducer {

    @Produces
    @ApplicationScoped
    public CloudWatchLogsClient client(AwsClients clients) {
        return clients.build(CloudWatchLogsClient.builder());
    }

    void close(@Disposes CloudWatchLogsClient client) {
        client.close();
    }
}
