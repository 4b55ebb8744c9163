package dev.costguard.aws.budgets;

import dev.costguard.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.budgets.BudgetsClient;

/** The one Budgets client, built with the project's shared client settings. */
@ApplicationScoped
public class BudgetsClientProducer {

    @Produces
    @ApplicationScoped
    public BudgetsClient client(AwsClients clients) {
        return clients.build(BudgetsClient.builder());
    }

    void close(@Disposes BudgetsClient client) {
        client.close();
    }
}
