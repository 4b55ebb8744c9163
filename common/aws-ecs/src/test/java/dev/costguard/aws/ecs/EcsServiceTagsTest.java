package dev.costguard.aws.ecs;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.costguard.aws.JsonWire;
import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.CloudOperationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;

class EcsServiceTagsTest {

    private static final String CLUSTER = "bookmark-staging-cluster";
    private static final String SERVICE = "bookmark-staging-web";
    private static final String RESOURCE = CLUSTER + "/" + SERVICE;
    private static final String LONG_ARN = "arn:aws:ecs:eu-west-1:123456789012:service/" + CLUSTER + "/" + SERVICE;
    private static final String SHORT_ARN = "arn:aws:ecs:eu-west-1:123456789012:service/" + SERVICE;

    private static final JsonWire ecs = new JsonWire("AmazonEC2ContainerServiceV20141113.", "message");

    @RegisterExtension
    static final LocalAws aws = new LocalAws(2);
    private static final EcsServiceTags tags = new EcsServiceTags(aws.client(EcsClient.builder()));

    private static void described(String arn) {
        server().stubFor(ecs.operation("DescribeServices").willReturn(ecs.json("{\"services\":[{\"serviceArn\":\"" + arn
                + "\",\"serviceName\":\"" + SERVICE + "\",\"status\":\"ACTIVE\",\"desiredCount\":0}],\"failures\":[]}")));
    }

    @Test
    void readsOnlyThePriorStateTagsWithListTagsForResourceOnTheLongArn() {
        described(LONG_ARN);
        server().stubFor(ecs.operation("ListTagsForResource").willReturn(ecs.json("{\"tags\":["
                + "{\"key\":\"team\",\"value\":\"bookmarks\"},"
                + "{\"key\":\"cost-guard:prior-desired-count\",\"value\":\"3\"},"
                + "{\"key\":\"cost-guard:prior-recorded-at\",\"value\":\"2026-11-02T13:00:00Z\"}]}")));

        assertThat(tags.readPriorTags(RESOURCE)).containsExactly(Map.entry("cost-guard:prior-desired-count", "3"),
                Map.entry("cost-guard:prior-recorded-at", "2026-11-02T13:00:00Z"));

        server().verify(1, ecs.called("DescribeServices").withRequestBody(equalToJson(
                "{\"cluster\":\"" + CLUSTER + "\",\"services\":[\"" + SERVICE + "\"]}")));
        server().verify(1, ecs.called("ListTagsForResource").withRequestBody(equalToJson(
                "{\"resourceArn\":\"" + LONG_ARN + "\"}")));
    }

    @Test
    void writesTagsWithTagResourceAsKeyValuePairs() {
        described(LONG_ARN);
        server().stubFor(ecs.operation("TagResource").willReturn(ecs.json("{}")));
        Map<String, String> written = new LinkedHashMap<>();
        written.put("cost-guard:prior-desired-count", "3");
        written.put("cost-guard:prior-min-capacity", "none");

        tags.writePriorTags(RESOURCE, written);

        server().verify(1, ecs.called("TagResource").withRequestBody(equalToJson("{\"resourceArn\":\"" + LONG_ARN
                + "\",\"tags\":[{\"key\":\"cost-guard:prior-desired-count\",\"value\":\"3\"},"
                + "{\"key\":\"cost-guard:prior-min-capacity\",\"value\":\"none\"}]}")));
    }

    @Test
    void removesTagKeysWithUntagResource() {
        described(LONG_ARN);
        server().stubFor(ecs.operation("UntagResource").willReturn(ecs.json("{}")));

        tags.removePriorTags(RESOURCE, List.of("cost-guard:prior-desired-count", "cost-guard:prior-recorded-at"));

        server().verify(1, ecs.called("UntagResource").withRequestBody(equalToJson("{\"resourceArn\":\"" + LONG_ARN
                + "\",\"tagKeys\":[\"cost-guard:prior-desired-count\",\"cost-guard:prior-recorded-at\"]}")));
    }

    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TagResource.html: a service must have the long
    // ARN to be tagged; a short one gets InvalidParameterException, so it is refused before any tagging call.
    @Test
    void aServiceWithTheShortArnIsRefusedBeforeAnyTaggingCall() {
        described(SHORT_ARN);

        assertThatThrownBy(() -> tags.writePriorTags(RESOURCE, Map.of("cost-guard:prior-desired-count", "3")))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("ShortArnFormat");
                    assertThat(e.getMessage()).startsWith(RESOURCE + " has the short service ARN " + SHORT_ARN)
                            .contains("migrate it to the long ARN format");
                });
        server().verify(0, ecs.called("TagResource"));
    }

    @Test
    void aMissingServiceIsAnErrorNotAnEmptySetOfTags() {
        server().stubFor(ecs.operation("DescribeServices").willReturn(ecs.json(
                "{\"services\":[],\"failures\":[{\"arn\":\"" + LONG_ARN + "\",\"reason\":\"MISSING\"}]}")));

        assertThatThrownBy(() -> tags.readPriorTags(RESOURCE)).isInstanceOf(CloudOperationException.class)
                .hasMessage("DescribeServices " + RESOURCE + " failed: MISSING");
        server().verify(0, ecs.called("ListTagsForResource"));
    }

    @Test
    void aRefusedTagCallNamesTheErrorCode() {
        described(LONG_ARN);
        server().stubFor(ecs.operation("TagResource").willReturn(ecs.error(400, "AccessDeniedException",
                "User is not authorized to perform: ecs:TagResource")));

        assertThatThrownBy(() -> tags.writePriorTags(RESOURCE, Map.of("cost-guard:prior-desired-count", "3")))
                .isInstanceOfSatisfying(CloudOperationException.class,
                        e -> assertThat(e.getMessage()).startsWith("TagResource " + RESOURCE + " failed: AccessDeniedException"));
    }

    private static WireMockServer server() {
        return aws.server();
    }
}
