package dev.costguard.aws.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.Subnets.Subnet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;

class Ec2SubnetsTest {

    private static final String VPC = "vpc-0a1b2c3d4e5f60718";
    private static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    @RegisterExtension
    static final LocalAws aws = new LocalAws(2);
    private static final Ec2Subnets subnets = new Ec2Subnets(aws.client(Ec2Client.builder()));

    @Test
    void listsEverySubnetOfTheVpcAcrossPages() {
        aws.server().stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSubnets&"))
                .withRequestBody(notContaining("NextToken")).willReturn(xml(page("page-2",
                        subnet("subnet-0aaa", "ap-northeast-1a", 250), subnet("subnet-0ccc", "ap-northeast-1c", 0)))));
        aws.server().stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSubnets&"))
                .withRequestBody(containing("NextToken=page-2")).willReturn(xml(page(null,
                        subnet("subnet-0ddd", "ap-northeast-1d", 12)))));

        assertThat(subnets.inVpc(VPC)).containsExactly(new Subnet("subnet-0aaa", "ap-northeast-1a", 250),
                new Subnet("subnet-0ccc", "ap-northeast-1c", 0), new Subnet("subnet-0ddd", "ap-northeast-1d", 12));

        aws.server().verify(2, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeSubnets&"))
                .withRequestBody(containing("Version=2016-11-15"))
                .withRequestBody(containing("Filter.1.Name=vpc-id"))
                .withRequestBody(containing("Filter.1.Value.1=" + VPC)));
    }

    @Test
    void anUnknownVpcNamesTheErrorCode() {
        aws.server().stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSubnets&"))
                .willReturn(xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error>"
                        + "<Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation."
                        + "</Message></Error></Errors><RequestID>5d6a1ea4</RequestID></Response>").withStatus(403)));

        assertThatThrownBy(() -> subnets.inVpc(VPC)).isInstanceOfSatisfying(CloudOperationException.class, e -> {
            assertThat(e.operation()).isEqualTo("DescribeSubnets");
            assertThat(e.errorCode()).isEqualTo("UnauthorizedOperation");
            assertThat(e.getMessage()).startsWith("DescribeSubnets " + VPC + " failed: UnauthorizedOperation (HTTP 403)");
        });
    }

    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html: ZoneName.N in,
    // zoneType "availability-zone" | "local-zone" | "wavelength-zone" out (query protocol, XML answer).
    @Test
    void readsTheTypeOfEachNamedZone() {
        aws.server().stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeAvailabilityZones&"))
                .willReturn(xml("<DescribeAvailabilityZonesResponse xmlns=\"" + NAMESPACE + "\"><requestId>r1</requestId>"
                        + "<availabilityZoneInfo>" + zone("us-west-2b", "availability-zone", "usw2-az1")
                        + zone("us-west-2-lax-1a", "local-zone", "usw2-lax1-az1")
                        + "</availabilityZoneInfo></DescribeAvailabilityZonesResponse>")));

        Map<String, String> types = subnets.zoneTypes(List.of("us-west-2-lax-1a", "us-west-2b"));

        assertThat(types).isEqualTo(Map.of("us-west-2b", "availability-zone", "us-west-2-lax-1a", "local-zone"));
        aws.server().verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("Action=DescribeAvailabilityZones&Version=2016-11-15"
                        + "&ZoneName.1=us-west-2-lax-1a&ZoneName.2=us-west-2b")));
    }

    @Test
    void noZoneToAskAboutMakesNoCall() {
        assertThat(subnets.zoneTypes(List.of())).isEmpty();
        aws.server().verify(0, postRequestedFor(urlEqualTo("/")));
    }

    private static String zone(String name, String type, String id) {
        return "<item><optInStatus>opt-in-not-required</optInStatus><zoneName>" + name + "</zoneName><zoneId>" + id
                + "</zoneId><zoneState>available</zoneState><regionName>us-west-2</regionName><zoneType>" + type
                + "</zoneType><messages/></item>";
    }

    private static String page(String nextToken, String... subnets) {
        return "<DescribeSubnetsResponse xmlns=\"" + NAMESPACE + "\"><requestId>7a62c49f</requestId><subnetSet>"
                + String.join("", subnets) + "</subnetSet>"
                + (nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>") + "</DescribeSubnetsResponse>";
    }

    private static String subnet(String id, String az, int freeIps) {
        return "<item><subnetId>" + id + "</subnetId><state>available</state><vpcId>" + VPC + "</vpcId>"
                + "<cidrBlock>10.0.1.0/24</cidrBlock><availableIpAddressCount>" + freeIps + "</availableIpAddressCount>"
                + "<availabilityZone>" + az + "</availabilityZone></item>";
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
    }
}
