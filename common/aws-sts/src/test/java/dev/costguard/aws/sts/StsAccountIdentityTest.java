package dev.costguard.aws.sts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.AccountIdentity.Caller;
import dev.costguard.core.ports.CloudOperationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sts.StsClient;

class StsAccountIdentityTest {

    @RegisterExtension
    static final LocalAws aws = new LocalAws(2);
    private static final StsAccountIdentity identity = new StsAccountIdentity(aws.client(StsClient.builder()));

    @Test
    void readsTheAccountAndArnFromGetCallerIdentity() {
        aws.server().stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
                        + "<Arn>arn:aws:iam::123456789012:user/deployer</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account>"
                        + "</GetCallerIdentityResult><ResponseMetadata><RequestId>01234567</RequestId></ResponseMetadata>"
                        + "</GetCallerIdentityResponse>")));

        assertThat(identity.caller()).isEqualTo(new Caller("123456789012", "arn:aws:iam::123456789012:user/deployer", "AIDAEXAMPLE"));
        aws.server().verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=GetCallerIdentity"))
                .withRequestBody(containing("Version=2011-06-15"))
                .withHeader("Authorization", containing("/sts/aws4_request")));
    }

    @Test
    void expiredCredentialsNameTheErrorCode() {
        aws.server().stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml")
                .withBody("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                        + "<Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message>"
                        + "</Error><RequestId>01234567</RequestId></ErrorResponse>")));

        assertThatThrownBy(identity::caller).isInstanceOfSatisfying(CloudOperationException.class,
                e -> assertThat(e.errorCode()).isEqualTo("ExpiredToken"));
    }
}
