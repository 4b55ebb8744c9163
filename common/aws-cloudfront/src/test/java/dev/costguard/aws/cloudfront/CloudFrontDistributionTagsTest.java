package dev.costguard.aws.cloudfront;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToXml;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.snapshot.PriorTags;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

class CloudFrontDistributionTagsTest {

    private static final String DISTRIBUTION = "E1A2B3C4D5E6F7";
    private static final String ARN = "arn:aws:cloudfront::123456789012:distribution/" + DISTRIBUTION;
    private static final String NAMESPACE = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    // CloudFront's tagging calls name the distribution by its ARN, as the Resource query parameter:
    // https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_TagResource.html
    private static final String RESOURCE = "Resource=arn%3Aaws%3Acloudfront%3A%3A123456789012%3Adistribution%2F" + DISTRIBUTION;

    @RegisterExtension
    static final LocalAws aws = new LocalAws(1);
    private final CloudFrontDistributionTags tags = new CloudFrontDistributionTags(aws.globalClient(CloudFrontClient.builder()));

    @BeforeEach
    void distributionArn() {
        server().stubFor(get(urlEqualTo("/2020-05-31/distribution/" + DISTRIBUTION)).willReturn(xml(
                "<Distribution xmlns=\"" + NAMESPACE + "\"><Id>" + DISTRIBUTION + "</Id><ARN>" + ARN + "</ARN>"
                        + "<Status>Deployed</Status></Distribution>")));
    }

    @Test
    void readsOnlyThePriorStateTagsWithListTagsForResourceOnTheArn() {
        server().stubFor(get(urlEqualTo("/2020-05-31/tagging?" + RESOURCE)).willReturn(xml("<Tags xmlns=\"" + NAMESPACE
                + "\"><Items><Tag><Key>team</Key><Value>relay</Value></Tag>"
                + "<Tag><Key>cost-guard:prior-enabled</Key><Value>true</Value></Tag></Items></Tags>")));

        assertThat(tags.readPriorTags(DISTRIBUTION)).containsExactlyEntriesOf(Map.of("cost-guard:prior-enabled", "true"));
        server().verify(1, getRequestedFor(urlEqualTo("/2020-05-31/distribution/" + DISTRIBUTION)));
    }

    @Test
    void writesTheTagsAsATagsDocumentWithTagResource() {
        server().stubFor(post(urlEqualTo("/2020-05-31/tagging?Operation=Tag&" + RESOURCE))
                .willReturn(aResponse().withStatus(204)));

        tags.writePriorTags(DISTRIBUTION, PriorTags.distribution(true, Instant.parse("2026-11-01T03:00:00Z")));

        server().verify(1, postRequestedFor(urlEqualTo("/2020-05-31/tagging?Operation=Tag&" + RESOURCE))
                .withRequestBody(equalToXml("<Tags xmlns=\"" + NAMESPACE + "\"><Items>"
                        + "<Tag><Key>cost-guard:prior-enabled</Key><Value>true</Value></Tag>"
                        + "<Tag><Key>cost-guard:prior-recorded-at</Key><Value>2026-11-01T03:00:00Z</Value></Tag>"
                        + "</Items></Tags>")));
    }

    @Test
    void removesTheKeysAsATagKeysDocumentWithUntagResource() {
        server().stubFor(post(urlEqualTo("/2020-05-31/tagging?Operation=Untag&" + RESOURCE))
                .willReturn(aResponse().withStatus(204)));

        tags.removePriorTags(DISTRIBUTION, PriorTags.DISTRIBUTION_KEYS);

        server().verify(1, postRequestedFor(urlEqualTo("/2020-05-31/tagging?Operation=Untag&" + RESOURCE))
                .withRequestBody(equalToXml("<TagKeys xmlns=\"" + NAMESPACE + "\"><Items>"
                        + "<Key>cost-guard:prior-enabled</Key><Key>cost-guard:prior-recorded-at</Key></Items></TagKeys>")));
    }

    @Test
    void aRefusedTagWriteNamesTheCallAndTheDistribution() {
        server().stubFor(post(urlEqualTo("/2020-05-31/tagging?Operation=Tag&" + RESOURCE)).willReturn(aResponse()
                .withStatus(403).withBody("<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>Sender</Type>"
                        + "<Code>AccessDenied</Code><Message>Access denied</Message></Error></ErrorResponse>")));

        assertThatThrownBy(() -> tags.writePriorTags(DISTRIBUTION, Map.of("cost-guard:prior-enabled", "true")))
                .isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("TagResource " + DISTRIBUTION + " failed: AccessDenied (HTTP 403)");
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }

    private static WireMockServer server() {
        return aws.server();
    }
}
