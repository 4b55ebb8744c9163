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

    /** The minimal DistributionConfig the seeder sends: one custom origin, a cache policy, nothing optional. */
    private static String newConfig(String callerReference, String targetOriginId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DistributionConfig xmlns=\"" + CloudFrontHandler.NAMESPACE + "\">"
                + "<CallerReference>" + callerReference + "</CallerReference>"
                + "<Origins><Quantity>1</Quantity><Items><Origin><Id>demo-origin</Id><DomainName>example.org</DomainName>"
                + "<CustomOriginConfig><HTTPPort>80</HTTPPort><HTTPSPort>443</HTTPSPort><OriginProtocolPolicy>https-only</OriginProtocolPolicy>"
                + "</CustomOriginConfig></Origin></Items></Origins>"
                + "<DefaultCacheBehavior><TargetOriginId>" + targetOriginId + "</TargetOriginId>"
                + "<ViewerProtocolPolicy>redirect-to-https</ViewerProtocolPolicy>"
                + "<CachePolicyId>4135ea2d-6df8-44a3-9df3-4b5a84be39ad</CachePolicyId></DefaultCacheBehavior>"
                + "<Comment>cost-guard-demo</Comment><Enabled>true</Enabled></DistributionConfig>";
    }

    private HttpResponse<String> create(String body) {
        return aws.send("POST", "/2020-05-31/distribution", body, "Content-Type", "application/xml");
    }

    @Test
    void createDistributionAnswers201WithLocationEtagAndADeployingDistribution() {
        HttpResponse<String> created = create(newConfig("ref-1", "demo-origin"));

        assertThat(created.statusCode()).isEqualTo(201);
        String id = FakeAccount.xmlText(created, "Id");
        assertThat(id).matches("E[A-Z0-9]{13}");
        assertThat(created.headers().firstValue("Location")).hasValue("https://cloudfront.amazonaws.com/2020-05-31/distribution/" + id);
        assertThat(created.headers().firstValue("ETag")).hasValue("E1");
        assertThat(created.body()).contains("<Distribution xmlns=\"" + CloudFrontHandler.NAMESPACE + "\">");
        assertThat(FakeAccount.xmlText(created, "Status")).isEqualTo("InProgress");
        assertThat(FakeAccount.xmlText(created, "DomainName")).endsWith(".cloudfront.net");

        HttpResponse<String> config = aws.get("/2020-05-31/distribution/" + id + "/config");
        assertThat(FakeAccount.xmlText(config, "CallerReference")).isEqualTo("ref-1");
        assertThat(FakeAccount.xmlTexts(config, "DomainName")).containsExactly("example.org");
        assertThat(FakeAccount.xmlText(config, "TargetOriginId")).isEqualTo("demo-origin");
        assertThat(aws.state().at("/cloudfront/" + id + "/enabled").asBoolean()).isTrue();
    }

    @Test
    void listDistributionsSummarisesEveryDistributionWithItsComment() {
        String id = FakeAccount.xmlText(create(newConfig("ref-1", "demo-origin")), "Id");

        HttpResponse<String> list = aws.get("/2020-05-31/distribution");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("<DistributionList xmlns=\"" + CloudFrontHandler.NAMESPACE + "\">");
        assertThat(FakeAccount.xmlText(list, "Quantity")).isEqualTo("2");
        assertThat(FakeAccount.xmlTexts(list, "Comment")).containsExactly("Cost Guard demo relay", "cost-guard-demo");
        assertThat(list.body()).doesNotContain("CallerReference");
        assertThat(FakeAccount.xmlTexts(list, "Id")).contains(AccountState.DISTRIBUTION_ID, id);
    }

    @Test
    void aCallerReferenceUsedBeforeIsDistributionAlreadyExists() {
        String id = FakeAccount.xmlText(create(newConfig("ref-1", "demo-origin")), "Id");

        HttpResponse<String> again = create(newConfig("ref-1", "demo-origin"));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(FakeAccount.xmlText(again, "Code")).isEqualTo("DistributionAlreadyExists");
        assertThat(FakeAccount.xmlText(again, "Message")).endsWith("Already exists: " + id);
    }

    @Test
    void aDefaultBehaviourForAnOriginThatIsNotThereIsNoSuchOrigin() {
        HttpResponse<String> response = create(newConfig("ref-2", "elsewhere"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(FakeAccount.xmlText(response, "Code")).isEqualTo("NoSuchOrigin");
        assertThat(aws.state().get("cloudfront").size()).isEqualTo(1);
    }
}
