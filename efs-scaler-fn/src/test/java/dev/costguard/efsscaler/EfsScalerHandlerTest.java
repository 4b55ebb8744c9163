package dev.costguard.efsscaler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.efs.MountTarget;
import dev.costguard.core.efs.MountTargetList;
import dev.costguard.core.efs.MountTargetListCodec;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged handler through Quarkus's Lambda mock event server, with the real adapters and SDK (EFS, EC2,
 * SSM, ECS, SNS) talking to the stateful fake account, fed the scheduled input the EventBridge rule sends.
 */
@QuarkusTest
@WithTestResource(FakeAccountResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EfsScalerHandlerTest {

    @ConfigProperty(name = "costguard.aws.endpoint-url")
    String endpoint;

    private JsonPath account() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(endpoint + "/_demo/state")).build(), HttpResponse.BodyHandlers.ofString());
        return JsonPath.from(response.body());
    }

    private static String schedule() throws Exception {
        return Files.readString(Path.of("..", "events", "efs-scaler-schedule.json"));
    }

    private String parameter() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("X-Amz-Target", "AmazonSSM.GetParameter").header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"" + FakeAccountResource.PARAMETER + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonPath.from(response.body()).getString("Parameter.Value");
    }

    private static JsonPath invoke(String payload) {
        return JsonPath.from(given().contentType("application/json").body(payload)
                .when().post().then().statusCode(200).extract().asString());
    }

    @Test
    @Order(1)
    void aMalformedPayloadIsRefusedByNameBeforeAnyAwsCall() {
        int before = FakeAccountResource.calls().size();

        String error = given().contentType("application/json").body("{\"trigger\":\"schedule\",\"dryRun\":\"yes\"}")
                .when().post().then().statusCode(500).extract().asString();

        assertThat(error).contains("\\\"dryRun\\\" must be true or false, not the string \\\"yes\\\"");
        assertThat(FakeAccountResource.calls()).hasSize(before);
    }

    @Test
    @Order(2)
    void theScheduledRunAddsATargetInTheThirdZonePublishesTheListAndRedeploysTheConsumer() throws Exception {
        JsonPath report = invoke(schedule());

        assertThat(report.getString("function")).isEqualTo("efs-scaler");
        assertThat(report.getString("trigger")).isEqualTo("schedule");
        assertThat(report.getString("outcome")).as(report.prettify()).isEqualTo("SUCCEEDED");
        assertThat(report.getList("steps.name")).containsExactly("count", "threshold", "survey", "mount-target",
                "publish", "redeploy");
        assertThat(report.getString("steps.find { it.name == 'count' }.detail"))
                .startsWith("more than " + FakeAccountResource.THRESHOLD + " entries in ")
                .endsWith("(COSTGUARD_COUNT_MODE=entries, stopped once past the threshold)");
        assertThat(report.getString("steps.find { it.name == 'survey' }.detail"))
                .contains("usable zones eu-west-1a, eu-west-1b, eu-west-1c");
        assertThat(report.getString("steps.find { it.name == 'mount-target' }.detail")).startsWith("fsmt-")
                .contains("in eu-west-1c").endsWith("is available after 3 look(s)");
        assertThat(report.getString("notification.status")).isEqualTo("SUCCEEDED");

        JsonPath account = account();
        assertThat(account.getMap("efs.'" + FakeAccountResource.FILE_SYSTEM + "'")).hasSize(3);
        assertThat(account.getInt("ecs.'demo-cluster/web'.forcedDeployments")).isEqualTo(1);
        MountTargetList published = MountTargetListCodec.decode(parameter());
        assertThat(published.fileSystemId()).isEqualTo(FakeAccountResource.FILE_SYSTEM);
        assertThat(published.mountTargets()).extracting(MountTarget::availabilityZone)
                .containsExactly("eu-west-1a", "eu-west-1b", "eu-west-1c");
        assertThat(published.mountTargets()).allMatch(MountTarget::available);
        assertThat(MountTargetListCodec.decodePublished(parameter()).rollout()).isEqualTo(MountTargetListCodec.Rollout.DONE);
        List<String> calls = FakeAccountResource.calls();
        assertThat(calls).filteredOn(c -> c.startsWith("efs CreateMountTarget")).hasSize(1)
                .allMatch(c -> c.contains("subnet-0ef500000000000c0"));
        assertThat(calls).anyMatch(c -> c.startsWith("ecs UpdateService demo-cluster/web") && c.contains("forceNewDeployment"));
        assertThat(calls).anyMatch(c -> c.startsWith("efs DescribeFileSystems " + FakeAccountResource.FILE_SYSTEM));
        assertThat(calls).anyMatch(c -> c.startsWith("ec2 DescribeAvailabilityZones"));
    }

    @Test
    @Order(3)
    void theNextRunFindsEveryZoneCoveredAndChangesNothing() throws Exception {
        String before = parameter();
        int calls = FakeAccountResource.calls().size();

        JsonPath report = invoke(schedule());

        assertThat(report.getString("outcome")).as(report.prettify()).isEqualTo("SUCCEEDED");
        assertThat(report.getString("steps.find { it.name == 'mount-target' }.detail")).startsWith("all zones covered");
        assertThat(report.getString("steps.find { it.name == 'redeploy' }.status")).isEqualTo("SKIPPED");

        assertThat(parameter()).isEqualTo(before);
        assertThat(account().getInt("ecs.'demo-cluster/web'.forcedDeployments")).isEqualTo(1);
        assertThat(FakeAccountResource.calls().subList(calls, FakeAccountResource.calls().size()))
                .noneMatch(c -> c.contains("CreateMountTarget") || c.contains("PutParameter") || c.contains("UpdateService"));
    }
}
