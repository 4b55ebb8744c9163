package dev.costguard.aws.ssm;

import dev.costguard.aws.AwsCall;
import dev.costguard.aws.AwsClients;
import dev.costguard.core.ports.ManagedInstances;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;

/** An instance as Systems Manager sees it, through DescribeInstanceInformation filtered by its id. */
@ApplicationScoped
public class SsmManagedInstances implements ManagedInstances {

    private final SsmClient ssm;

    /** For a command-line tool outside Quarkus (make doctor, make smoke): its own client from the shared setup. */
    public static SsmManagedInstances standalone(AwsClients clients) {
        return new SsmManagedInstances(clients.build(SsmClient.builder()));
    }

    @Inject
    public SsmManagedInstances(SsmClient ssm) {
        this.ssm = ssm;
    }

    @Override
    public Optional<ManagedInstance> find(String instanceId) {
        return AwsCall.run("DescribeInstanceInformation", instanceId, () -> ssm.describeInstanceInformation(r -> r
                .filters(f -> f.key("InstanceIds").values(instanceId))))
                .instanceInformationList().stream()
                .filter(info -> instanceId.equals(info.instanceId()))
                .findFirst()
                .map(SsmManagedInstances::managed);
    }

    private static ManagedInstance managed(InstanceInformation info) {
        return new ManagedInstance(info.instanceId(), info.pingStatusAsString(), info.agentVersion(), info.platformName());
    }
}
