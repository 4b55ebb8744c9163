package dev.costguard.aws.ec2;

import dev.costguard.aws.AwsCall;
import dev.costguard.core.ports.Subnets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;


/** A VPC's subnets through DescribeSubnets with a vpc-id filter, every page. */
@ApplicationScoped
public class Ec2Subnets implements Subnets {

    private final Ec2Client ec2;

    @Inject
    public Ec2Subnets(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public List<Subnet> inVpc(String vpcId) {
        return AwsCall.run("DescribeSubnets", vpcId, () -> {
            List<Subnets.Subnet> found = new ArrayList<>();
            for (software.amazon.awssdk.services.ec2.model.Subnet subnet : ec2.describeSubnetsPaginator(r -> r
                    .filters(Filter.builder().name("vpc-id").values(vpcId).build())).subnets()) {
                found.add(new Subnets.Subnet(subnet.subnetId(), subnet.availabilityZone(),
                        subnet.availableIpAddressCount() == null ? 0 : subnet.availableIpAddressCount()));
            }
            return found;
        });
    }
}
