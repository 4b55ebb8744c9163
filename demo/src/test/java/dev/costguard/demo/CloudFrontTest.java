package dev.costguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CloudFrontTest {

    private static final String CONFIG = "/2020-05-31/distribution/" + AccountState.DISTRIBUTION_ID + "/config";

    private final FakeAccount aws = new FakeAccount();

    @AfterEach
    void stop() {
        aws.close();
    }

    /** What the SDK sends back: the config it read, with Enabled changed. */
    private static String withEnabled(HttpResponse<String> config, boolean enabled) {
        return config.body().replace("<Enabled>" + !enabled + "</Enabled><ViewerCertificate>", "<Enabled>" + enabled + "</Enabled><ViewerCertificate>");
    }

    private HttpResponse<String> update(String body, String ifMatch) {
        return ifMatch == null
                ? aws.send("PUT", CONFIG, body, "Content-Type", "application/xml")
                : aws.send("PUT", CONFIG, body, "Content-Type", "application/xml", "If-Match", ifMatch);
    }

    @Test
    void configComesWithAnEtagAndACompleteDistributionConfig() {
        HttpResponse<String> config = aws.get(CONFIG);

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.headers().firstValue("ETag")).hasValue("E1");
        assertThat(config.body()).contains("<DistributionConfig xmlns=\"" + CloudFrontHandler.NAMESPACE + "\">");
        assertThat(FakeAccount.xmlTexts(config, "Enabled")).contains("true");
        assertThat(FakeAccount.xmlText(config, "CallerReference")).isNotBlank();
        assertThat(FakeAccount.xmlText(config, "TargetOriginId")).isEqualTo(FakeAccount.xmlText(config, "Id"));
    }

    @Test
    void updateWithTheCurrentEtagDisablesAndIssuesANewEtag() {
        HttpResponse<String> config = aws.get(CONFIG);

        HttpResponse<String> updated = update(withEnabled(config, false), "E1");

        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.headers().firstValue("ETag")).hasValue("E2");
        assertThat(FakeAccount.xmlText(updated, "Status")).isEqualTo("InProgress");
        assertThat(updated.body()).contains("<Enabled>false</Enabled><ViewerCertificate>");
        assertThat(aws.state().at("/cloudfront/" + AccountState.DISTRIBUTION_ID + "/enabled").asBoolean()).isFalse();
    }

    @Test
    void updateWithAStaleEtagFailsThePrecondition() {
        HttpResponse<String> config = aws.get(CONFIG);
        update(withEnabled(config, false), "E1");

        HttpResponse<String> stale = update(withEnabled(config, true), "E1");

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.body()).contains("<ErrorResponse");
        assertThat(FakeAccount.xmlText(stale, "Type")).isEqualTo("Sender");
        assertThat(FakeAccount.xmlText(stale, "Code")).isEqualTo("PreconditionFailed");
        assertThat(aws.state().at("/cloudfront/" + AccountState.DISTRIBUTION_ID + "/enabled").asBoolean()).isFalse();
    }

    @Test
    void updateWithoutIfMatchIsRejected() {
        HttpResponse<String> response = update(withEnabled(aws.get(CONFIG), false), null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(FakeAccount.xmlText(response, "Code")).isEqualTo("InvalidIfMatchVersion");
    }

    @Test
    void deploymentHasFinishedByTheNextGetDistribution() {
        update(withEnabled(aws.get(CONFIG), false), "E1");

        HttpResponse<String> distribution = aws.get("/2020-05-31/distribution/" + AccountState.DISTRIBUTION_ID);

        assertThat(FakeAccount.xmlText(distribution, "Status")).isEqualTo("Deployed");
        assertThat(distribution.headers().firstValue("ETag")).hasValue("E2");
    }

    @Test
    void unknownDistributionIsNoSuchDistribution() {
        HttpResponse<String> response = aws.get("/2020-05-31/distribution/ENOSUCHDIST/config");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(FakeAccount.xmlText(response, "Code")).isEqualTo("NoSuchDistribution");
    }
}
