package dev.costguard.aws.s3;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.headRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.StateBuckets.Posture;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

class S3StateBucketsTest {

    private static final String BUCKET = "acme-terraform-state";

    @RegisterExtension
    static final LocalAws aws = new LocalAws(2);
    private static final S3StateBuckets buckets = new S3StateBuckets(aws.client(S3Client.builder().forcePathStyle(true)));

    @Test
    void aVersionedBlockedBucketHasEverything() {
        aws.server().stubFor(head(urlEqualTo("/" + BUCKET)).willReturn(aResponse().withStatus(200)));
        aws.server().stubFor(get(urlEqualTo("/" + BUCKET + "?versioning")).willReturn(xml(
                "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>Enabled</Status></VersioningConfiguration>")));
        aws.server().stubFor(get(urlEqualTo("/" + BUCKET + "?publicAccessBlock")).willReturn(xml(
                "<PublicAccessBlockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><BlockPublicAcls>true</BlockPublicAcls>"
                        + "<IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy>"
                        + "<RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>")));

        Posture posture = buckets.posture(BUCKET).orElseThrow();

        assertThat(posture.versioned()).isTrue();
        assertThat(posture.publicAccessBlocked()).isTrue();
        aws.server().verify(1, headRequestedFor(urlEqualTo("/" + BUCKET)));
        aws.server().verify(1, getRequestedFor(urlEqualTo("/" + BUCKET + "?versioning")));
        aws.server().verify(1, getRequestedFor(urlEqualTo("/" + BUCKET + "?publicAccessBlock")));
    }

    @Test
    void neverVersionedAndNoPublicAccessBlockAreBothReported() {
        aws.server().stubFor(head(urlEqualTo("/" + BUCKET)).willReturn(aResponse().withStatus(200)));
        aws.server().stubFor(get(urlEqualTo("/" + BUCKET + "?versioning")).willReturn(xml(
                "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>")));
        // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetPublicAccessBlock.html
        aws.server().stubFor(get(urlEqualTo("/" + BUCKET + "?publicAccessBlock")).willReturn(xml(
                "<Error><Code>NoSuchPublicAccessBlockConfiguration</Code><Message>The public access block configuration was not found</Message></Error>")
                .withStatus(404)));

        Posture posture = buckets.posture(BUCKET).orElseThrow();

        assertThat(posture.versioning()).isEmpty();
        assertThat(posture.versioned()).isFalse();
        assertThat(posture.publicAccessBlocked()).isFalse();
    }

    @Test
    void aMissingBucketIsEmpty() {
        aws.server().stubFor(head(urlEqualTo("/" + BUCKET)).willReturn(aResponse().withStatus(404)));

        assertThat(buckets.posture(BUCKET)).isEqualTo(Optional.empty());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/xml").withBody(body);
    }
}
