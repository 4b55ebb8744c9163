package dev.costguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EcsAndAutoScalingTest {

    private final FakeAccount aws = new FakeAccount();

    @AfterEach
    void stop() {
        aws.close();
    }

    private HttpResponse<String> ecs(String operation, String body) {
        return aws.jsonCall("AmazonEC2ContainerServiceV20141113." + operation, body);
    }

    private HttpResponse<String> scaling(String operation, String body) {
        return aws.jsonCall("AnyScaleFrontendService." + operation, body);
    }

    @Test
    void describeServicesReportsCountsAndListsUnknownServicesAsMissing() {
        JsonNode described = FakeAccount.json(ecs("DescribeServices", "{\"cluster\":\"demo-cluster\",\"services\":[\"web\",\"api\",\"ghost\"]}"));

        assertThat(described.at("/services/0/serviceName").asText()).isEqualTo("web");
        assertThat(described.at("/services/0/desiredCount").asInt()).isEqualTo(2);
        assertThat(described.at("/services/1/desiredCount").asInt()).isEqualTo(3);
        assertThat(described.at("/services/1/status").asText()).isEqualTo("ACTIVE");
        assertThat(described.at("/failures/0/reason").asText()).isEqualTo("MISSING");
        assertThat(described.at("/failures/0/arn").asText()).endsWith("service/demo-cluster/ghost");
    }

    @Test
    void updateServiceChangesTheDesiredCountAndTasksFollowByTheNextDescribe() {
        JsonNode updated = FakeAccount.json(ecs("UpdateService", "{\"cluster\":\"demo-cluster\",\"service\":\"api\",\"desiredCount\":0}"));
        assertThat(updated.at("/service/desiredCount").asInt()).isZero();
        assertThat(updated.at("/service/runningCount").asInt()).isEqualTo(3);
        assertThat(aws.state().at("/ecs/demo-cluster~1api/desiredCount").asInt()).isZero();

        JsonNode described = FakeAccount.json(ecs("DescribeServices", "{\"cluster\":\"demo-cluster\",\"services\":[\"api\"]}"));
        assertThat(described.at("/services/0/runningCount").asInt()).isZero();
    }

    @Test
    void updatingAnUnknownServiceIsServiceNotFound() {
        HttpResponse<String> response = ecs("UpdateService", "{\"cluster\":\"demo-cluster\",\"service\":\"ghost\",\"desiredCount\":1}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(FakeAccount.json(response).get("__type").asText()).isEqualTo("ServiceNotFoundException");
    }

    @Test
    void describesTheApiScalableTarget() {
        JsonNode targets = FakeAccount.json(scaling("DescribeScalableTargets",
                "{\"ServiceNamespace\":\"ecs\",\"ResourceIds\":[\"service/demo-cluster/api\"]}")).get("ScalableTargets");

        assertThat(targets).hasSize(1);
        assertThat(targets.at("/0/ScalableDimension").asText()).isEqualTo("ecs:service:DesiredCount");
        assertThat(targets.at("/0/MinCapacity").asInt()).isEqualTo(1);
        assertThat(targets.at("/0/MaxCapacity").asInt()).isEqualTo(4);
        assertThat(targets.at("/0/CreationTime").isNumber()).isTrue();
    }

    @Test
    void registerScalableTargetChangesMinAndMaxInTheState() {
        HttpResponse<String> registered = scaling("RegisterScalableTarget", "{\"ServiceNamespace\":\"ecs\","
                + "\"ResourceId\":\"service/demo-cluster/api\",\"ScalableDimension\":\"ecs:service:DesiredCount\",\"MinCapacity\":0,\"MaxCapacity\":0}");

        assertThat(FakeAccount.json(registered).get("ScalableTargetARN").asText()).startsWith("arn:aws:application-autoscaling:");
        JsonNode api = aws.state().at("/autoscaling/service~1demo-cluster~1api");
        assertThat(api.get("min").asInt()).isZero();
        assertThat(api.get("max").asInt()).isZero();
    }

    @Test
    void minAboveMaxIsAValidationError() {
        HttpResponse<String> response = scaling("RegisterScalableTarget", "{\"ServiceNamespace\":\"ecs\","
                + "\"ResourceId\":\"service/demo-cluster/api\",\"ScalableDimension\":\"ecs:service:DesiredCount\",\"MinCapacity\":5}");

        assertThat(FakeAccount.json(response).get("__type").asText()).isEqualTo("ValidationException");
        assertThat(aws.state().at("/autoscaling/service~1demo-cluster~1api/min").asInt()).isEqualTo(1);
    }
}
