package dev.costguard.aws.ec2;

import dev.costguard.aws.AwsCall;
import dev.costguard.core.ports.Subnets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Filter;


/**
 * A VPC's subnets through DescribeSubnets with a vpc-id filter, every page; their zones' types through
 * DescribeAvailabilityZones.
 */
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

    @Override
    public Map<String, String> zoneTypes(Collection<String> zoneNames) {
        if (zoneNames.isEmpty()) {
            return Map.of();
        }
        // ZoneName.N names the zones; a Local Zone the account has not opted into is still described when named.
        return AwsCall.run("DescribeAvailabilityZones", String.join(",", zoneNames), () -> {
            Map<String, String> types = new LinkedHashMap<>();
            for (AvailabilityZone zone : ec2.describeAvailabilityZones(r -> r.zoneNames(zoneNames)).availabilityZones()) {
                types.put(zone.zoneName(), zone.zoneType());
            }
            return types;
        });
    }
}
