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

    private static final String FARGATE_TASK = "{\"family\":\"cost-guard-demo\",\"requiresCompatibilities\":[\"FARGATE\"],"
            + "\"networkMode\":\"awsvpc\",\"cpu\":\"256\",\"memory\":\"512\",\"containerDefinitions\":[{\"name\":\"web\","
            + "\"image\":\"nginx\",\"essential\":true,\"portMappings\":[{\"containerPort\":80}]}]}";

    private static String newService(String name, int desired) {
        return "{\"cluster\":\"demo-cluster\",\"serviceName\":\"" + name + "\",\"taskDefinition\":\"cost-guard-demo\","
                + "\"desiredCount\":" + desired + ",\"launchType\":\"FARGATE\",\"networkConfiguration\":{\"awsvpcConfiguration\":"
                + "{\"subnets\":[\"" + Ec2Handler.DEFAULT_SUBNET + "\"],\"assignPublicIp\":\"ENABLED\"}}}";
    }

    @Test
    void clusterTaskDefinitionAndServiceCreatedOnAnEmptyAccountShowInTheState() {
        try (FakeAccount empty = FakeAccount.empty()) {
            JsonNode cluster = FakeAccount.json(empty.jsonCall("AmazonEC2ContainerServiceV20141113.CreateCluster", "{\"clusterName\":\"demo-cluster\"}"));
            assertThat(cluster.at("/cluster/status").asText()).isEqualTo("ACTIVE");
            assertThat(cluster.at("/cluster/clusterArn").asText()).endsWith(":cluster/demo-cluster");

            JsonNode registered = FakeAccount.json(empty.jsonCall("AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition", FARGATE_TASK));
            assertThat(registered.at("/taskDefinition/taskDefinitionArn").asText()).endsWith(":task-definition/cost-guard-demo:1");
            assertThat(registered.at("/taskDefinition/compatibilities/1").asText()).isEqualTo("FARGATE");

            HttpResponse<String> created = empty.jsonCall("AmazonEC2ContainerServiceV20141113.CreateService", newService("api", 3));
            assertThat(created.statusCode()).isEqualTo(200);
            JsonNode service = FakeAccount.json(created).get("service");
            assertThat(service.get("desiredCount").asInt()).isEqualTo(3);
            assertThat(service.get("runningCount").asInt()).isZero();
            assertThat(service.get("taskDefinition").asText()).endsWith(":task-definition/cost-guard-demo:1");
            assertThat(empty.state().at("/ecs/demo-cluster~1api/desiredCount").asInt()).isEqualTo(3);
        }
    }

    @Test
    void creatingAServiceThatExistsIsNotIdempotent() {
        aws.jsonCall("AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition", FARGATE_TASK);

        HttpResponse<String> response = ecs("CreateService", newService("web", 1));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(FakeAccount.json(response).get("__type").asText()).isEqualTo("InvalidParameterException");
        assertThat(FakeAccount.json(response).get("message").asText()).isEqualTo("Creation of service was not idempotent.");
        assertThat(aws.state().at("/ecs/demo-cluster~1web/desiredCount").asInt()).isEqualTo(2);
    }

    @Test
    void anAwsvpcServiceWithoutSubnetsAndAFargateTaskWithoutAwsvpcAreRefused() {
        ecs("RegisterTaskDefinition", FARGATE_TASK);
        HttpResponse<String> noNetwork = ecs("CreateService", "{\"cluster\":\"demo-cluster\",\"serviceName\":\"worker\","
                + "\"taskDefinition\":\"cost-guard-demo:1\",\"desiredCount\":1}");
        HttpResponse<String> bridge = ecs("RegisterTaskDefinition", FARGATE_TASK.replace("awsvpc", "bridge"));

        assertThat(FakeAccount.json(noNetwork).get("message").asText()).contains("Network Configuration must be provided");
        assertThat(FakeAccount.json(bridge).get("__type").asText()).isEqualTo("ClientException");
        assertThat(aws.state().get("ecs").has("demo-cluster/worker")).isFalse();
    }

    @Test
    void aServiceInAClusterThatDoesNotExistIsClusterNotFound() {
        try (FakeAccount empty = FakeAccount.empty()) {
            empty.jsonCall("AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition", FARGATE_TASK);

            HttpResponse<String> response = empty.jsonCall("AmazonEC2ContainerServiceV20141113.CreateService", newService("api", 3));

            assertThat(FakeAccount.json(response).get("__type").asText()).isEqualTo("ClusterNotFoundException");
        }
    }
}
