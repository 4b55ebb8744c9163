package dev.costguard.core.ports;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The subnets of a VPC, each with the Availability Zone it lives in. */
public interface Subnets {

    /** One subnet: its id, its Availability Zone's name and how many IP addresses it has free. */
    record Subnet(String subnetId, String availabilityZone, int availableIpAddressCount) {
    }

    /** Every subnet of the VPC (DescribeSubnets filtered by vpc-id, all pages). */
    List<Subnet> inVpc(String vpcId);

    /** EC2's word for a regular Availability Zone, as opposed to "local-zone" and "wavelength-zone". */
    String AVAILABILITY_ZONE = "availability-zone";

    /**
     * The type of each named zone (DescribeAvailabilityZones, ZoneType): "availability-zone", "local-zone" or
     * "wavelength-zone". A zone EC2 did not describe is absent from the answer.
     */
    Map<String, String> zoneTypes(Collection<String> zoneNames);
}
