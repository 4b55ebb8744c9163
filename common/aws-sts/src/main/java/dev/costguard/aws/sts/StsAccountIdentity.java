package dev.costguard.aws.sts;

import dev.costguard.aws.AwsCall;
import dev.costguard.aws.AwsClients;
import dev.costguard.core.ports.AccountIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** The caller's identity through STS GetCallerIdentity. */
@ApplicationScoped
public class StsAccountIdentity implements AccountIdentity {

    private final StsClient sts;

    /** For a command-line tool outside Quarkus (make doctor, make smoke): its own client from the shared setup. */
    public static StsAccountIdentity standalone(AwsClients clients) {
        return new StsAccountIdentity(clients.build(StsClient.builder()));
    }

    @Inject
    public StsAccountIdentity(StsClient sts) {
        this.sts = sts;
    }

    @Override
    public Caller caller() {
        GetCallerIdentityResponse response = AwsCall.run("GetCallerIdentity", "(the caller)", () -> sts.getCallerIdentity(r -> { }));
        return new Caller(response.account(), response.arn(), response.userId());
    }
}
