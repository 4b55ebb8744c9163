package dev.costguard.aws.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.snapshot.PriorTags;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;

class Ec2InstanceTagsTest {

    private static final String INSTANCE = "i-0123456789abcdef0";
    private static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    @RegisterExtension
    static final LocalAws aws = new LocalAws(1);
    private static final Ec2InstanceTags tags = new Ec2InstanceTags(aws.client(Ec2Client.builder()));

    @Test
    void readsOnlyThePriorStateTagsFromTheInstancesTagSet() {
        server().stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstances&"))
                .willReturn(xml("<DescribeInstancesResponse xmlns=\"" + NAMESPACE + "\"><reservationSet><item>"
                        + "<instancesSet><item><instanceId>" + INSTANCE + "</instanceId><tagSet>"
                        + "<item><key>Name</key><value>relay</value></item>"
                        + "<item><key>cost-guard:prior-state</key><value>running</value></item>"
                        + "<item><key>cost-guard:prior-recorded-at</key><value>2026-11-01T03:00:00Z</value></item>"
                        + "</tagSet></item></instancesSet></item></reservationSet></DescribeInstancesResponse>")));

        assertThat(tags.readPriorTags(INSTANCE)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "cost-guard:prior-state", "running", "cost-guard:prior-recorded-at", "2026-11-01T03:00:00Z"));
        server().verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(
                equalTo("Action=DescribeInstances&Version=2016-11-15&InstanceId.1=" + INSTANCE)));
    }

    @Test
    void writesTheTagsWithACreateTagsQueryOnTheInstance() {
        server().stubFor(post(urlEqualTo("/")).willReturn(xml("<CreateTagsResponse xmlns=\"" + NAMESPACE
                + "\"><return>true</return></CreateTagsResponse>")));

        tags.writePriorTags(INSTANCE, PriorTags.instance("running", Instant.parse("2026-11-01T03:00:00Z")));

        // EC2 tag values are strings (up to 256 characters): https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Tag.html
        server().verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(equalTo("Action=CreateTags"
                + "&Version=2016-11-15&ResourceId.1=" + INSTANCE
                + "&Tag.1.Key=cost-guard%3Aprior-state&Tag.1.Value=running"
                + "&Tag.2.Key=cost-guard%3Aprior-recorded-at&Tag.2.Value=2026-11-01T03%3A00%3A00Z")));
    }

    @Test
    void removesTheKeysWithADeleteTagsQueryThatNamesNoValue() {
        server().stubFor(post(urlEqualTo("/")).willReturn(xml("<DeleteTagsResponse xmlns=\"" + NAMESPACE
                + "\"><return>true</return></DeleteTagsResponse>")));

        tags.removePriorTags(INSTANCE, PriorTags.INSTANCE_KEYS);

        // A key without a value deletes the tag whatever its value:
        // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteTags.html
        server().verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(equalTo("Action=DeleteTags"
                + "&Version=2016-11-15&ResourceId.1=" + INSTANCE
                + "&Tag.1.Key=cost-guard%3Aprior-state&Tag.2.Key=cost-guard%3Aprior-recorded-at")));
    }

    @Test
    void aRefusedTagWriteNamesTheCallAndTheInstance() {
        server().stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(403).withBody("<Response><Errors><Error>"
                + "<Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message>"
                + "</Error></Errors><RequestID>r-1</RequestID></Response>")));

        assertThatThrownBy(() -> tags.writePriorTags(INSTANCE, Map.of("cost-guard:prior-state", "running")))
                .isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("CreateTags " + INSTANCE + " failed: UnauthorizedOperation (HTTP 403)");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
    }

    private static WireMockServer server() {
        return aws.server();
    }
}
