package dev.costguard.core.ports;

import java.util.List;

/** The VPC endpoints already in a VPC (DescribeVpcEndpoints). */
public interface VpcEndpoints {

    /** Every endpoint of the VPC that is not deleted, all pages. */
    List<VpcEndpoint> inVpc(String vpcId);

    /** One endpoint: its service (com.amazonaws.ap-northeast-1.ssm), whether it owns the service's private DNS name. */
    record VpcEndpoint(String id, String serviceName, String type, boolean privateDnsEnabled, String state) {
    }
}
