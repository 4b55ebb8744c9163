package dev.costguard.core.ports;

import java.util.List;

/** The subnets of a VPC, each with the Availability Zone it lives in. */
public interface Subnets {

    /** One subnet: its id, its Availability Zone's name and how many IP addresses it has free. */
    record Subnet(String subnetId, String availabilityZone, int availableIpAddressCount) {
    }

    /** Every subnet of the VPC (DescribeSubnets filtered by vpc-id, all pages). */
    List<Subnet> inVpc(String vpcId);
}
