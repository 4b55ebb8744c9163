package dev.costguard.aws.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.snapshot.PriorTags;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;

class LambdaFunctionTagsTest {

    private static final String FUNCTION = "relay-default";
    private static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:relay-default";
    // Lambda's tagging calls take the function ARN in the path, URL-encoded:
    // https://docs.aws.amazon.com/lambda/latest/api/API_ListTags.html
    private static final String TAGS_PATH = "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Arelay-default";
    private static final String CONFIG_PATH = "/2015-03-31/functions/relay-default/configuration";

    @RegisterExtension
    static final LocalAws aws = new LocalAws(1);
    private final LambdaFunctionTags tags = new LambdaFunctionTags(aws.client(LambdaClient.builder()));

    @BeforeEach
    void functionArn() {
        server().stubFor(get(urlEqualTo(CONFIG_PATH)).willReturn(okJson("{\"FunctionName\":\"relay-default\","
                + "\"FunctionArn\":\"" + ARN + "\"}")));
    }

    @Test
    void readsOnlyThePriorStateTagsThroughListTagsOnTheFunctionArn() {
        server().stubFor(get(urlEqualTo(TAGS_PATH)).willReturn(okJson("{\"Tags\":{\"team\":\"relay\","
                + "\"cost-guard:prior-reserved-concurrency\":\"10\",\"cost-guard:prior-recorded-at\":\"2026-11-01T03:00:00Z\"}}")));

        assertThat(tags.readPriorTags(FUNCTION)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "cost-guard:prior-reserved-concurrency", "10", "cost-guard:prior-recorded-at", "2026-11-01T03:00:00Z"));
        server().verify(1, getRequestedFor(urlEqualTo(CONFIG_PATH)));
    }

    @Test
    void writesTheTagsAsAJsonMapWithTagResource() {
        server().stubFor(post(urlEqualTo(TAGS_PATH)).willReturn(aResponse().withStatus(204)));

        tags.writePriorTags(FUNCTION, PriorTags.function(10, Instant.parse("2026-11-01T03:00:00Z")));

        server().verify(1, postRequestedFor(urlEqualTo(TAGS_PATH)).withRequestBody(equalToJson(
                "{\"Tags\":{\"cost-guard:prior-reserved-concurrency\":\"10\","
                        + "\"cost-guard:prior-recorded-at\":\"2026-11-01T03:00:00Z\"}}")));
    }

    @Test
    void removesTheKeysAsRepeatedTagKeysQueryParametersWithUntagResource() {
        server().stubFor(delete(urlPathEqualTo(TAGS_PATH)).willReturn(aResponse().withStatus(204)));

        tags.removePriorTags(FUNCTION, PriorTags.FUNCTION_KEYS);

        server().verify(1, deleteRequestedFor(urlEqualTo(TAGS_PATH
                + "?tagKeys=cost-guard%3Aprior-reserved-concurrency&tagKeys=cost-guard%3Aprior-recorded-at")));
    }

    @Test
    void readsTheFunctionArnOncePerFunction() {
        server().stubFor(get(urlEqualTo(TAGS_PATH)).willReturn(okJson("{\"Tags\":{}}")));
        server().stubFor(post(urlEqualTo(TAGS_PATH)).willReturn(aResponse().withStatus(204)));

        assertThat(tags.readPriorTags(FUNCTION)).isEmpty();
        tags.writePriorTags(FUNCTION, PriorTags.function(null, Instant.parse("2026-11-01T03:00:00Z")));

        server().verify(1, getRequestedFor(urlEqualTo(CONFIG_PATH)));
        server().verify(1, postRequestedFor(urlEqualTo(TAGS_PATH)).withRequestBody(equalToJson(
                "{\"Tags\":{\"cost-guard:prior-reserved-concurrency\":\"none\","
                        + "\"cost-guard:prior-recorded-at\":\"2026-11-01T03:00:00Z\"}}")));
    }

    @Test
    void aRefusedTagWriteNamesTheCallAndTheFunction() {
        server().stubFor(post(urlEqualTo(TAGS_PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("x-amzn-ErrorType", "AccessDeniedException")
                .withBody("{\"Message\":\"not authorized to perform: lambda:TagResource\"}")));

        assertThatThrownBy(() -> tags.writePriorTags(FUNCTION, Map.of("cost-guard:prior-reserved-concurrency", "10")))
                .isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("TagResource relay-default failed: AccessDeniedException (HTTP 403)");
    }

    private static WireMockServer server() {
        return aws.server();
    }
}
