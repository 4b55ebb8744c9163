package dev.costguard.aws.cloudfront;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToXml;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.CloudOperationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.PreconditionFailedException;

class CloudFrontDistributionsTest {

    private static final String DISTRIBUTION = "E1A2B3C4D5E6F7";
    private static final String CONFIG_PATH = "/2020-05-31/distribution/" + DISTRIBUTION + "/config";
    private static final String NAMESPACE = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    private static final String FIRST_ETAG = "E2QWRUHAPOMQZL";
    private static final String SECOND_ETAG = "E3UN6WX5RRO2AG";

    @RegisterExtension
    static final LocalAws aws = new LocalAws(3);
    private static final CloudFrontClient client = aws.globalClient(CloudFrontClient.builder());
    private static final CloudFrontDistributions distributions = new CloudFrontDistributions(client);

    @Test
    void readsTheEnabledFlagFromTheDistributionConfig() {
        server().stubFor(get(urlEqualTo(CONFIG_PATH)).willReturn(config(true, FIRST_ETAG)));

        assertThat(distributions.isEnabled(DISTRIBUTION)).isTrue();
    }

    @Test
    void signsForTheGlobalRegionWhateverTheFunctionsRegion() {
        server().stubFor(get(urlEqualTo(CONFIG_PATH)).willReturn(config(false, FIRST_ETAG)));

        assertThat(distributions.isEnabled(DISTRIBUTION)).isFalse();

        // Against AWS the global region signs as us-east-1; behind an endpoint override the SDK keeps "aws-global".
        // Either way it is never the function's own region (eu-west-1 here).
        server().verify(getRequestedFor(urlEqualTo(CONFIG_PATH)).withHeader("Authorization", matching(
                "AWS4-HMAC-SHA256 Credential=test-access-key/\\d{8}/(us-east-1|aws-global)/cloudfront/aws4_request, .*")));
    }

    @Test
    void disablesByWritingTheWholeConfigBackWithTheETagItWasReadWith() {
        server().stubFor(get(urlEqualTo(CONFIG_PATH)).willReturn(config(true, FIRST_ETAG)));
        server().stubFor(put(urlEqualTo(CONFIG_PATH)).willReturn(updated(false, SECOND_ETAG)));

        boolean wasEnabled = distributions.setEnabled(DISTRIBUTION, false);

        assertThat(wasEnabled).isTrue();
        server().verify(1, putRequestedFor(urlEqualTo(CONFIG_PATH))
                .withHeader("If-Match", equalTo(FIRST_ETAG))
                .withRequestBody(equalToXml(distributionConfig(false))));
    }

    @Test
    void enablesADisabledDistribution() {
        server().stubFor(get(urlEqualTo(CONFIG_PATH)).willReturn(config(false, FIRST_ETAG)));
        server().stubFor(put(urlEqualTo(CONFIG_PATH)).willReturn(updated(true, SECOND_ETAG)));

        assertThat(distributions.setEnabled(DISTRIBUTION, true)).isFalse();

        server().verify(1, putRequestedFor(urlEqualTo(CONFIG_PATH))
                .withHeader("If-Match", equalTo(FIRST_ETAG))
                .withRequestBody(equalToXml(distributionConfig(true))));
    }

    @Test
    void makesNoUpdateWhenTheDistributionIsAlreadyAsWished() {
        server().stubFor(get(urlEqualTo(CONFIG_PATH)).willReturn(config(false, FIRST_ETAG)));

        assertThat(distributions.setEnabled(DISTRIBUTION, false)).isFalse();

        server().verify(1, getRequestedFor(urlEqualTo(CONFIG_PATH)));
        server().verify(0, putRequestedFor(urlEqualTo(CONFIG_PATH)));
    }

    @Test
    void rereadsOnceAndRetriesWithTheNewETagWhenSomeoneElseUpdatedInBetween() {
        server().stubFor(get(urlEqualTo(CONFIG_PATH)).inScenario("concurrent edit").whenScenarioStateIs(STARTED)
                .willReturn(config(true, FIRST_ETAG)));
        server().stubFor(put(urlEqualTo(CONFIG_PATH)).inScenario("concurrent edit").whenScenarioStateIs(STARTED)
                .withHeader("If-Match", equalTo(FIRST_ETAG))
                .willReturn(preconditionFailed()).willSetStateTo("edited elsewhere"));
        server().stubFor(get(urlEqualTo(CONFIG_PATH)).inScenario("concurrent edit").whenScenarioStateIs("edited elsewhere")
                .willReturn(config(true, SECOND_ETAG)));
        server().stubFor(put(urlEqualTo(CONFIG_PATH)).inScenario("concurrent edit").whenScenarioStateIs("edited elsewhere")
                .withHeader("If-Match", equalTo(SECOND_ETAG))
                .willReturn(updated(false, "E9NEWETAG00001")));

        assertThat(distributions.setEnabled(DISTRIBUTION, false)).isTrue();

        server().verify(2, getRequestedFor(urlEqualTo(CONFIG_PATH)));
        server().verify(1, putRequestedFor(urlEqualTo(CONFIG_PATH)).withHeader("If-Match", equalTo(FIRST_ETAG)));
        server().verify(1, putRequestedFor(urlEqualTo(CONFIG_PATH)).withHeader("If-Match", equalTo(SECOND_ETAG))
                .withRequestBody(equalToXml(distributionConfig(false))));
    }

    @Test
    void skipsTheRetryWhenTheOtherUpdateAlreadyDidTheJob() {
        server().stubFor(get(urlEqualTo(CONFIG_PATH)).inScenario("raced").whenScenarioStateIs(STARTED)
                .willReturn(config(true, FIRST_ETAG)));
        server().stubFor(put(urlEqualTo(CONFIG_PATH)).inScenario("raced").whenScenarioStateIs(STARTED)
                .willReturn(preconditionFailed()).willSetStateTo("disabled elsewhere"));
        server().stubFor(get(urlEqualTo(CONFIG_PATH)).inScenario("raced").whenScenarioStateIs("disabled elsewhere")
                .willReturn(config(false, SECOND_ETAG)));

        // What this call replaced is the other writer's "disabled", so that is what it reports as before.
        assertThat(distributions.setEnabled(DISTRIBUTION, false)).isFalse();
        server().verify(1, putRequestedFor(urlEqualTo(CONFIG_PATH)));
    }

    @Test
    void aSecondPreconditionFailureIsACloudOperationException() {
        server().stubFor(get(urlEqualTo(CONFIG_PATH)).willReturn(config(true, FIRST_ETAG)));
        server().stubFor(put(urlEqualTo(CONFIG_PATH)).willReturn(preconditionFailed()));

        assertThatThrownBy(() -> distributions.setEnabled(DISTRIBUTION, false))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.operation()).isEqualTo("UpdateDistribution");
                    assertThat(e.errorCode()).isEqualTo("PreconditionFailed");
                    assertThat(e.httpStatus()).isEqualTo(412);
                    assertThat(e.getMessage()).contains(DISTRIBUTION);
                    assertThat(e.getCause()).isInstanceOf(PreconditionFailedException.class);
                });
        server().verify(2, getRequestedFor(urlEqualTo(CONFIG_PATH)));
        server().verify(2, putRequestedFor(urlEqualTo(CONFIG_PATH)));
    }

    @Test
    void anyOtherUpdateFailureIsNotRetried() {
        server().stubFor(get(urlEqualTo(CONFIG_PATH)).willReturn(config(true, FIRST_ETAG)));
        server().stubFor(put(urlEqualTo(CONFIG_PATH)).willReturn(error(403, "AccessDenied", "Access denied")));

        assertThatThrownBy(() -> distributions.setEnabled(DISTRIBUTION, false))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.httpStatus()).isEqualTo(403);
                });
        server().verify(1, getRequestedFor(urlEqualTo(CONFIG_PATH)));
        server().verify(1, putRequestedFor(urlEqualTo(CONFIG_PATH)));
    }

    @Test
    void aMissingDistributionNamesItsErrorCode() {
        server().stubFor(get(urlEqualTo(CONFIG_PATH)).willReturn(error(404, "NoSuchDistribution",
                "The specified distribution does not exist.")));

        assertThatThrownBy(() -> distributions.isEnabled(DISTRIBUTION))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.operation()).isEqualTo("GetDistributionConfig");
                    assertThat(e.errorCode()).isEqualTo("NoSuchDistribution");
                });
    }

    private static ResponseDefinitionBuilder config(boolean enabled, String etag) {
        return xml(200, distributionConfig(enabled)).withHeader("ETag", etag);
    }

    private static ResponseDefinitionBuilder updated(boolean enabled, String etag) {
        String distribution = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Distribution xmlns=\"" + NAMESPACE + "\">"
                + "<Id>" + DISTRIBUTION + "</Id>"
                + "<ARN>arn:aws:cloudfront::123456789012:distribution/" + DISTRIBUTION + "</ARN>"
                + "<Status>InProgress</Status>"
                + "<LastModifiedTime>2025-01-15T09:30:00.000Z</LastModifiedTime>"
                + "<InProgressInvalidationBatches>0</InProgressInvalidationBatches>"
                + "<DomainName>d111111abcdef8.cloudfront.net</DomainName>"
                + distributionConfig(enabled).replaceFirst("<\\?xml[^>]*>", "").replace(" xmlns=\"" + NAMESPACE + "\"", "")
                + "</Distribution>";
        return xml(200, distribution).withHeader("ETag", etag);
    }

    private static ResponseDefinitionBuilder preconditionFailed() {
        return error(412, "PreconditionFailed", "The If-Match version is missing or not valid for the resource.");
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return xml(status, "<?xml version=\"1.0\"?><ErrorResponse xmlns=\"" + NAMESPACE + "\">"
                + "<Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                + "<RequestId>a1b2c3d4-5e6f-7a8b-9c0d-1e2f3a4b5c6d</RequestId></ErrorResponse>");
    }

    private static ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(body);
    }

    private static String distributionConfig(boolean enabled) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <DistributionConfig xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">
                  <CallerReference>cost-guard-demo-2025-01-15</CallerReference>
                  <Origins>
                    <Quantity>1</Quantity>
                    <Items>
                      <Origin>
                        <Id>app-alb</Id>
                        <DomainName>app-alb-1234567890.ap-northeast-1.elb.amazonaws.com</DomainName>
                        <OriginPath></OriginPath>
                        <CustomOriginConfig>
                          <HTTPPort>80</HTTPPort>
                          <HTTPSPort>443</HTTPSPort>
                          <OriginProtocolPolicy>https-only</OriginProtocolPolicy>
                        </CustomOriginConfig>
                      </Origin>
                    </Items>
                  </Origins>
                  <DefaultCacheBehavior>
                    <TargetOriginId>app-alb</TargetOriginId>
                    <ViewerProtocolPolicy>redirect-to-https</ViewerProtocolPolicy>
                    <CachePolicyId>658327ea-f89d-4fab-a63d-7e88639e58f6</CachePolicyId>
                  </DefaultCacheBehavior>
                  <Comment>Cost Guard demo front door</Comment>
                  <Enabled>%s</Enabled>
                </DistributionConfig>
                """.formatted(enabled);
    }

    private static WireMockServer server() {
        return aws.server();
    }
}
