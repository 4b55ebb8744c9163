package dev.costguard.aws.lambda;

import dev.costguard.aws.AwsCall;
import dev.costguard.aws.AwsClients;
import dev.costguard.core.ports.ConcurrencyQuota;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AccountLimit;

/** The account's concurrency limit and unreserved concurrency through GetAccountSettings. */
@ApplicationScoped
public class LambdaConcurrencyQuota implements ConcurrencyQuota {

    private final LambdaClient lambda;

    /** For a command-line tool outside Quarkus (make doctor, make smoke): its own client from the shared setup. */
    public static LambdaConcurrencyQuota standalone(AwsClients clients) {
        return new LambdaConcurrencyQuota(clients.build(LambdaClient.builder()));
    }

    @Inject
    public LambdaConcurrencyQuota(LambdaClient lambda) {
        this.lambda = lambda;
    }

    @Override
    public AccountConcurrency read() {
        AccountLimit limit = AwsCall.run("GetAccountSettings", "(the account)", () -> lambda.getAccountSettings(r -> { })).accountLimit();
        return new AccountConcurrency(limit.concurrentExecutions(), limit.unreservedConcurrentExecutions());
    }
}
