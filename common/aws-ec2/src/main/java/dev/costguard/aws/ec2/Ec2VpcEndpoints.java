package dev.costguard.aws.ec2;

import dev.costguard.aws.AwsCall;
import dev.costguard.aws.AwsClients;
import dev.costguard.core.ports.VpcEndpoints;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsResponse;

/** The endpoints of a VPC through DescribeVpcEndpoints (filter vpc-id), every page. */
@ApplicationScoped
public class Ec2VpcEndpoints implements VpcEndpoints {

    private final Ec2Client ec2;

    /** For a command-line tool outside Quarkus (make doctor, make smoke): its own client from the shared setup. */
    public static Ec2VpcEndpoints standalone(AwsClients clients) {
        return new Ec2VpcEndpoints(clients.build(Ec2Client.builder()));
    }

    @Inject
    public Ec2VpcEndpoints(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public List<VpcEndpoint> inVpc(String vpcId) {
        List<VpcEndpoint> endpoints = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            DescribeVpcEndpointsResponse response = AwsCall.run("DescribeVpcEndpoints", vpcId, () -> ec2.describeVpcEndpoints(r -> r
                    .filters(f -> f.name("vpc-id").values(vpcId)).nextToken(page)));
            response.vpcEndpoints().stream()
                    .filter(e -> !"deleted".equalsIgnoreCase(e.stateAsString()) && !"deleting".equalsIgnoreCase(e.stateAsString()))
                    .map(e -> new VpcEndpoint(e.vpcEndpointId(), e.serviceName(), e.vpcEndpointTypeAsString(),
                            Boolean.TRUE.equals(e.privateDnsEnabled()), e.stateAsString()))
                    .forEach(endpoints::add);
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
        return endpoints;
    }
}
