package dev.costguard.aws.scheduler;

import dev.costguard.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** The one EventBridge Scheduler client, built with the project's shared client settings. */
@ApplicationScoped
public class SchedulerClientProducer {

    @Produces
    @ApplicationScoped
    public SchedulerClient client(AwsClients clients) {
        return clients.build(SchedulerClient.builder());
    }

    void close(@Disposes SchedulerClient client) {
        client.close();
    }
}
