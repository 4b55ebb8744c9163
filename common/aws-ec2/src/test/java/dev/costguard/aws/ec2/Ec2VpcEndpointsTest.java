package dev.costguard.aws.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.VpcEndpoints.VpcEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;

class Ec2VpcEndpointsTest {

    private static final String VPC = "vpc-0a1b2c3d4e5f60718";

    @RegisterExtension
    static final LocalAws aws = new LocalAws(2);
    private static final Ec2VpcEndpoints endpoints = new Ec2VpcEndpoints(aws.client(Ec2Client.builder()));

    @Test
    void listsTheLiveEndpointsOfTheVpcWithTheirPrivateDns() {
        aws.server().stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeVpcEndpoints&")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "text/xml").withBody(
                        "<DescribeVpcEndpointsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r1</requestId><vpcEndpointSet>"
                                + endpoint("vpce-0ssm", "com.amazonaws.ap-northeast-1.ssm", "Interface", true, "available")
                                + endpoint("vpce-0s3", "com.amazonaws.ap-northeast-1.s3", "Gateway", false, "available")
                                + endpoint("vpce-0old", "com.amazonaws.ap-northeast-1.ecs", "Interface", true, "deleted")
                                + "</vpcEndpointSet></DescribeVpcEndpointsResponse>")));

        assertThat(endpoints.inVpc(VPC)).containsExactly(
                new VpcEndpoint("vpce-0ssm", "com.amazonaws.ap-northeast-1.ssm", "Interface", true, "available"),
                new VpcEndpoint("vpce-0s3", "com.amazonaws.ap-northeast-1.s3", "Gateway", false, "available"));
        aws.server().verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeVpcEndpoints&"))
                .withRequestBody(containing("Filter.1.Name=vpc-id"))
                .withRequestBody(containing("Filter.1.Value.1=" + VPC)));
    }

    private static String endpoint(String id, String service, String type, boolean privateDns, String state) {
        return "<item><vpcEndpointId>" + id + "</vpcEndpointId><vpcEndpointType>" + type + "</vpcEndpointType><vpcId>" + VPC
                + "</vpcId><serviceName>" + service + "</serviceName><state>" + state + "</state><privateDnsEnabled>" + privateDns
                + "</privateDnsEnabled></item>";
    }
}
