package dev.costguard.ecsscheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.costguard.ecsscheduler.LocalAwsResource.API;
import static dev.costguard.ecsscheduler.LocalAwsResource.CLUSTER;
import static dev.costguard.ecsscheduler.LocalAwsResource.RESULT;
import static dev.costguard.ecsscheduler.LocalAwsResource.SNAPSHOT;
import static dev.costguard.ecsscheduler.LocalAwsResource.WEB;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.costguard.core.fakes.FakeContext;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged function end to end: a payload posted to Quarkus's mock Lambda event server, the real SDK clients
 * (ECS, Application Auto Scaling, SSM and SNS) talking to WireMock through costguard.aws.endpoint-url.
 */
@QuarkusTest
@WithTestResource(LocalAwsResource.class)
class EcsSchedulerHandlerTest {

    private static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    WireMockServer aws;

    @Inject
    EcsSchedulerHandler handler;

    @BeforeEach
    void resetTheAccount() {
        aws.resetAll();
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                        + "<MessageId>6b1c2f1e-0d2a-4c55-9d7e-3f0e1c2b3a4d</MessageId></PublishResult>"
                        + "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></PublishResponse>")));
        aws.stubFor(call("AmazonEC2ContainerServiceV20141113.UpdateService").willReturn(json("{\"service\":{}}")));
        aws.stubFor(call("AnyScaleFrontendService.RegisterScalableTarget").willReturn(json("{}")));
        aws.stubFor(call("AmazonSSM.PutParameter").willReturn(json("{\"Version\":2,\"Tier\":\"Standard\"}")));
        aws.stubFor(call("AnyScaleFrontendService.DescribeScalableTargets").willReturn(json("{\"ScalableTargets\":[]}")));
    }

    @Test
    void stopRemembersTheSizesInSsmThenScalesBothServicesToZero() throws Exception {
        aws.stubFor(call("AmazonSSM.GetParameter").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", JSON_1_1)
                .withBody("{\"__type\":\"ParameterNotFound\",\"message\":\"\"}")));
        describe(WEB, 2);
        describe(API, 3);
        target(API, 1, 4);

        JsonNode report = invoke("{\"action\":\"stop\",\"trigger\":\"schedule\"}");

        assertThat(report.path("function").asText()).isEqualTo("ecs-scheduler");
        assertThat(report.path("trigger").asText()).isEqualTo("schedule");
        assertThat(report.path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.path("overall_success").asBoolean()).isTrue();
        assertThat(report.path("dry_run").asBoolean()).isFalse();
        assertThat(names(report.path("steps"))).containsExactly("guard", "remember", "stop-services");
        JsonNode items = report.at("/steps/2/items");
        assertThat(names(items)).containsExactly(CLUSTER + "/" + WEB, CLUSTER + "/" + API);
        assertThat(items.get(0).path("detail").asText()).isEqualTo("desired 2 → 0");
        assertThat(items.get(1).path("detail").asText()).isEqualTo("scalable target 1..4 → 0..0, desired 3 → 0");
        assertThat(report.at("/notification/status").asText()).isEqualTo("SUCCEEDED");

        // The remember store: one Get, one Put of the versioned snapshot, before any service is changed.
        aws.verify(1, called("AmazonSSM.GetParameter").withRequestBody(equalToJson("{\"Name\":\"" + SNAPSHOT + "\"}")));
        List<LoggedRequest> puts = aws.findAll(called("AmazonSSM.PutParameter"));
        assertThat(puts).hasSize(1);
        JsonNode put = MAPPER.readTree(puts.get(0).getBodyAsString());
        assertThat(put.path("Name").asText()).isEqualTo(SNAPSHOT);
        assertThat(put.path("Overwrite").asBoolean()).isTrue();
        JsonNode snapshot = MAPPER.readTree(put.path("Value").asText());
        assertThat(snapshot.path("schemaVersion").asInt()).isEqualTo(2);
        assertThat(snapshot.path("takenBy").asText()).isEqualTo("ecs-scheduler");
        assertThat(snapshot.path("services")).isEqualTo(MAPPER.readTree("["
                + "{\"cluster\":\"" + CLUSTER + "\",\"service\":\"" + WEB + "\",\"desiredCount\":2},"
                + "{\"cluster\":\"" + CLUSTER + "\",\"service\":\"" + API + "\",\"desiredCount\":3,"
                + "\"minCapacity\":1,\"maxCapacity\":4}]"));

        aws.verify(1, called("AnyScaleFrontendService.RegisterScalableTarget").withRequestBody(equalToJson(
                "{\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"service/" + CLUSTER + "/" + API + "\","
                        + "\"ScalableDimension\":\"ecs:service:DesiredCount\",\"MinCapacity\":0,\"MaxCapacity\":0}")));
        aws.verify(1, updateService(WEB, 0));
        aws.verify(1, updateService(API, 0));
        aws.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
                .withFormParam("TopicArn", equalTo(RESULT))
                .withFormParam("Subject", equalTo("Cost Guard ecs-scheduler: SUCCEEDED")));
    }

    @Test
    void startRestoresTheRememberedSizesAndBounds() {
        aws.stubFor(call("AmazonSSM.GetParameter").willReturn(json("{\"Parameter\":{\"Name\":\"" + SNAPSHOT
                + "\",\"Type\":\"String\",\"Version\":2,\"Value\":" + quoted("{\"schemaVersion\":1,"
                        + "\"takenBy\":\"ecs-scheduler\",\"takenAt\":\"2026-11-02T13:00:00Z\",\"trigger\":\"schedule\","
                        + "\"services\":[{\"cluster\":\"" + CLUSTER + "\",\"service\":\"" + WEB + "\",\"desiredCount\":2},"
                        + "{\"cluster\":\"" + CLUSTER + "\",\"service\":\"" + API + "\",\"desiredCount\":3,"
                        + "\"minCapacity\":1,\"maxCapacity\":4}]}") + "}}")));
        describe(WEB, 0);
        describe(API, 0);
        target(API, 0, 0);

        JsonNode report = invoke("{\"action\":\"start\",\"trigger\":\"schedule\"}");

        assertThat(report.path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(names(report.path("steps"))).containsExactly("guard", "recall", "start-services");
        assertThat(report.at("/steps/2/items/1/detail").asText())
                .isEqualTo("desired 0 → 3 (remembered), scalable target 0..0 → 1..4");
        aws.verify(1, called("AnyScaleFrontendService.RegisterScalableTarget").withRequestBody(equalToJson(
                "{\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"service/" + CLUSTER + "/" + API + "\","
                        + "\"ScalableDimension\":\"ecs:service:DesiredCount\",\"MinCapacity\":1,\"MaxCapacity\":4}")));
        aws.verify(1, updateService(WEB, 2));
        aws.verify(1, updateService(API, 3));
        aws.verify(0, called("AmazonSSM.PutParameter"));
    }

    @Test
    void aFailingServiceIsAFailedItemInTheAnswerNotAFailedInvocation() {
        aws.stubFor(call("AmazonSSM.GetParameter").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", JSON_1_1).withBody("{\"__type\":\"ParameterNotFound\",\"message\":\"\"}")));
        describe(WEB, 0);
        describe(API, 0);
        aws.stubFor(call("AmazonEC2ContainerServiceV20141113.UpdateService")
                .withRequestBody(matchingJsonPath("$.service", equalTo(WEB)))
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", JSON_1_1)
                        .withBody("{\"__type\":\"ServerException\",\"message\":\"internal failure\"}")));

        JsonNode report = invoke("{\"action\":\"start\"}");

        assertThat(report.path("trigger").asText()).isEqualTo("manual");
        assertThat(report.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(report.path("overall_success").asBoolean()).isFalse();
        assertThat(report.at("/steps/2/items/0/status").asText()).isEqualTo("FAILED");
        assertThat(report.at("/steps/2/items/0/detail").asText()).isEqualTo("UpdateService " + CLUSTER + "/" + WEB
                + " failed: ServerException (HTTP 500): internal failure");
        assertThat(report.at("/steps/2/items/1/status").asText()).isEqualTo("SUCCEEDED");
        aws.verify(1, updateService(API, 1));
    }

    @Test
    void aFailedReadOfTheRememberedSizesAtStartChangesNothingAndSaysWhy() {
        aws.stubFor(call("AmazonSSM.GetParameter").willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", JSON_1_1)
                .withBody("{\"__type\":\"InternalServerError\",\"message\":\"injected\"}")));
        describe(WEB, 0);
        describe(API, 0);
        target(API, 0, 0);

        JsonNode report = invoke("{\"action\":\"start\",\"trigger\":\"schedule\"}");

        assertThat(report.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(report.at("/steps/1/name").asText()).isEqualTo("recall");
        assertThat(report.at("/steps/1/status").asText()).isEqualTo("FAILED");
        assertThat(report.at("/steps/1/detail").asText()).contains("InternalServerError")
                .endsWith("; nothing was started, so no service runs at a size that is not its own");
        assertThat(report.at("/steps/2/status").asText()).isEqualTo("SKIPPED");
        assertThat(report.path("summary").asText()).startsWith("Start by the schedule: no service was changed");
        aws.verify(0, called("AmazonEC2ContainerServiceV20141113.UpdateService"));
        aws.verify(0, called("AnyScaleFrontendService.RegisterScalableTarget"));
        aws.verify(0, called("AmazonSSM.PutParameter"));
        aws.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=Publish"))
                .withFormParam("Subject", equalTo("Cost Guard ecs-scheduler: FAILED")));
    }

    @Test
    void aFailingBoundsCallOnStopStillSetsTheCountToZeroAndTheReportSaysTheBoundsWereNotChanged() {
        aws.stubFor(call("AmazonSSM.GetParameter").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", JSON_1_1).withBody("{\"__type\":\"ParameterNotFound\",\"message\":\"\"}")));
        describe(WEB, 2);
        describe(API, 3);
        target(API, 1, 4);
        aws.stubFor(call("AnyScaleFrontendService.RegisterScalableTarget").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", JSON_1_1)
                .withBody("{\"__type\":\"ValidationException\",\"message\":\"injected\"}")));

        JsonNode report = invoke("{\"action\":\"stop\",\"trigger\":\"schedule\"}");

        aws.verify(1, updateService(API, 0));
        aws.verify(1, updateService(WEB, 0));
        assertThat(report.at("/steps/2/items/1/status").asText()).isEqualTo("FAILED");
        assertThat(report.at("/steps/2/items/1/detail").asText()).startsWith("desired 3 → 0; scalable target NOT "
                + "changed, still 1..4 (RegisterScalableTarget")
                .contains("ValidationException").contains("Application Auto Scaling may scale the service back up");
        assertThat(report.at("/steps/2/items/0/status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void withAnEndpointThatNeverAnswersTheReportIsOutBeforeTheLambdaTimeout() throws Exception {
        // Every call hangs far longer than the invocation may run.
        aws.resetAll();
        aws.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withFixedDelay(40_000)));
        long deadlineMs = System.currentTimeMillis() + 12_000;
        ByteArrayOutputStream answer = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream("{\"action\":\"start\",\"trigger\":\"schedule\"}"
                .getBytes(StandardCharsets.UTF_8)), answer, FakeContext.runningUntil(deadlineMs));

        JsonNode report = MAPPER.readTree(answer.toByteArray());
        assertThat(report.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(names(report.path("steps"))).containsExactly("guard", "recall", "start-services");
        assertThat(report.at("/steps/1/status").asText()).isEqualTo("FAILED");
        assertThat(report.at("/steps/2/status").asText()).isEqualTo("FAILED");
        assertThat(report.at("/steps/2/detail").asText()).isEqualTo("no time left before the Lambda timeout");
        // The publish had the report's reserve and no more; its failure is on the report, not a lost report.
        assertThat(report.at("/notification/status").asText()).isEqualTo("FAILED");
        assertThat(Instant.parse(report.at("/notification/started_at").asText()))
                .isBefore(Instant.ofEpochMilli(deadlineMs));
        aws.verify(0, called("AmazonEC2ContainerServiceV20141113.UpdateService"));
        assertThat(System.currentTimeMillis()).as("the handler returned before the Lambda timeout")
                .isLessThan(deadlineMs);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "{\"action\":\"restart\"}|expected one of [",
            "{\"trigger\":\"schedule\"}|the invocation needs \\\"action\\\"",
            "{\"action\":\"stop\",\"force\":true}|unknown field(s) [force]",
            "{\"action\":[\"stop\"]}|\\\"action\\\" must be a string",
            "{\"action\":\"stop\",\"dryRun\":\"true\"}|\\\"dryRun\\\" must be true or false",
            "please stop|the invocation is not JSON" })
    void aBadPayloadIsAFailedInvocationAndNoRequestReachesAws(String payload, String message) {
        String error = given().contentType("application/json").body(payload)
                .when().post()
                .then().statusCode(500)
                .extract().asString();

        assertThat(error).contains("InvalidInputException").contains(message);
        aws.verify(0, anyRequestedFor(anyUrl()));
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static JsonNode invoke(String payload) {
        String answer = given().contentType("application/json").body(payload)
                .when().post()
                .then().statusCode(200)
                .extract().asString();
        try {
            return MAPPER.readTree(answer);
        } catch (Exception e) {
            throw new AssertionError("the answer is not JSON: " + answer, e);
        }
    }

    private void describe(String service, int desiredCount) {
        aws.stubFor(call("AmazonEC2ContainerServiceV20141113.DescribeServices")
                .withRequestBody(matchingJsonPath("$.services[0]", equalTo(service)))
                .willReturn(json("{\"services\":[{\"serviceName\":\"" + service + "\",\"serviceArn\":"
                        + "\"arn:aws:ecs:eu-west-1:123456789012:service/" + CLUSTER + "/" + service + "\","
                        + "\"status\":\"ACTIVE\",\"desiredCount\":" + desiredCount + ",\"runningCount\":"
                        + desiredCount + "}],\"failures\":[]}")));
    }

    private void target(String service, int min, int max) {
        String resourceId = "service/" + CLUSTER + "/" + service;
        aws.stubFor(call("AnyScaleFrontendService.DescribeScalableTargets")
                .withRequestBody(matchingJsonPath("$.ResourceIds[0]", equalTo(resourceId)))
                .willReturn(json("{\"ScalableTargets\":[{\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"" + resourceId
                        + "\",\"ScalableDimension\":\"ecs:service:DesiredCount\",\"MinCapacity\":" + min
                        + ",\"MaxCapacity\":" + max + "}]}")));
    }

    private static RequestPatternBuilder updateService(String service, int desiredCount) {
        return called("AmazonEC2ContainerServiceV20141113.UpdateService").withRequestBody(equalToJson(
                "{\"cluster\":\"" + CLUSTER + "\",\"service\":\"" + service + "\",\"desiredCount\":" + desiredCount + "}"));
    }

    private static MappingBuilder call(String target) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
    }

    private static RequestPatternBuilder called(String target) {
        return postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON_1_1).withBody(body);
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\"", "\\\"") + "\"";
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new java.util.ArrayList<>();
        array.forEach(node -> names.add(node.path("name").asText()));
        return names;
    }
}
