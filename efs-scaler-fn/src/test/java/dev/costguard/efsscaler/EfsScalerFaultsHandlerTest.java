package dev.costguard.efsscaler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.efs.MountTarget;
import dev.costguard.core.efs.MountTargetList;
import dev.costguard.core.efs.MountTargetListCodec;
import dev.costguard.core.efs.MountTargetListSource;
import dev.costguard.core.ports.Parameters;
import dev.costguard.demo.FakeAccountFaults;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged scaler against the fake account with scripted faults: a failing PutParameter, a zone EFS refuses,
 * a One Zone file system, a new target that fails into error; and
 * the consumer side's list source (the router's input) through the real SSM adapter when GetParameter fails.
 */
@QuarkusTest
@WithTestResource(EfsScalerFaultsHandlerTest.OwnAccount.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EfsScalerFaultsHandlerTest {

    /** A resource class of its own, so this class starts with a fresh account. */
    public static class OwnAccount extends FakeAccountResource {
    }

    private static final RestAssuredConfig PATIENT = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 180_000).setParam("http.connection.timeout", 180_000));

    private final FakeAccountFaults faults = FakeAccountFaults.ofTestResource();

    @ConfigProperty(name = "costguard.aws.endpoint-url")
    String endpoint;

    /** The SSM adapter a consumer's router reads the list through. */
    @Inject
    Parameters parameters;

    @AfterEach
    void clearFaults() {
        faults.clear();
    }

    private JsonPath run() throws Exception {
        return JsonPath.from(given().config(PATIENT).contentType("application/json")
                .body(Files.readString(Path.of("..", "events", "efs-scaler-schedule.json")))
                .when().post().then().statusCode(200).extract().asString());
    }

    private String parameter() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("X-Amz-Target", "AmazonSSM.GetParameter").header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"" + FakeAccountResource.PARAMETER + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonPath.from(response.body()).getString("Parameter.Value");
    }

    private JsonPath state() throws Exception {
        return JsonPath.from(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/_demo/state"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    @Order(1)
    void aFailingPutParameterLeavesTheParameterAloneAndDoesNotRedeploy() throws Exception {
        faults.call("ssm:PutParameter").failWith(500, "InternalServerError", "SSM is having a bad day");
        // The create is refused too, so this run publishes the two targets the account starts with.
        faults.zoneRefusesMountTargets("eu-west-1c", "IpAddressInUse");

        JsonPath report = run();

        assertThat(report.getString("outcome")).isEqualTo("FAILED");
        assertThat(report.getString("steps.find { it.name == 'publish' }.detail")).contains("InternalServerError");
        assertThat(report.getString("steps.find { it.name == 'redeploy' }.status")).isEqualTo("SKIPPED");
        assertThat(state().getList("ssm.parameters")).doesNotContain(FakeAccountResource.PARAMETER);
        assertThat(state().getInt("ecs.'demo-cluster/web'.desiredCount")).isEqualTo(2);
        assertThat(state().getString("ecs.'demo-cluster/web'.forcedDeployments")).isNull();
        assertThat(FakeAccountResource.calls()).noneMatch(c -> c.startsWith("ecs UpdateService"));
    }

    // https://docs.aws.amazon.com/efs/latest/ug/API_CreateMountTarget.html (Errors): UnsupportedAvailabilityZone, 400.
    @Test
    @Order(2)
    void aZoneEfsRefusesIsNamedAndTheListOfWhatExistsIsStillPublishedAndRolledOut() throws Exception {
        faults.zoneRefusesMountTargets("eu-west-1c", "UnsupportedAvailabilityZone");

        JsonPath report = run();

        assertThat(report.getString("outcome")).isEqualTo("FAILED");
        assertThat(report.getString("steps.find { it.name == 'mount-target' }.detail"))
                .startsWith("EFS refused a mount target in every candidate: subnet-0ef500000000000c0 (eu-west-1c): "
                        + "UnsupportedAvailabilityZone: ");
        assertThat(report.getString("steps.find { it.name == 'publish' }.detail")).startsWith("published 2 mount target(s)");
        assertThat(report.getString("steps.find { it.name == 'redeploy' }.status")).isEqualTo("SUCCEEDED");
        assertThat(report.getString("notification.status")).isEqualTo("SUCCEEDED");
        assertThat(state().getMap("efs.'" + FakeAccountResource.FILE_SYSTEM + "'")).hasSize(2);
        assertThat(state().getInt("ecs.'demo-cluster/web'.forcedDeployments")).isEqualTo(1);
        MountTargetListCodec.Published published = MountTargetListCodec.decodePublished(parameter());
        assertThat(published.list().mountTargets()).extracting(MountTarget::availabilityZone)
                .containsExactly("eu-west-1a", "eu-west-1b");
        assertThat(published.rollout()).isEqualTo(MountTargetListCodec.Rollout.DONE);
    }

    // https://docs.aws.amazon.com/efs/latest/ug/API_DescribeFileSystems.html: AvailabilityZoneName for One Zone storage.
    @Test
    @Order(4)
    void aOneZoneFileSystemGetsNoCreateAndAClearStep() throws Exception {
        faults.oneZone(FakeAccountResource.FILE_SYSTEM, "eu-west-1a");
        int before = FakeAccountResource.calls().size();

        JsonPath report = run();

        assertThat(report.getString("outcome")).as(report.prettify()).isEqualTo("SUCCEEDED");
        assertThat(report.getString("steps.find { it.name == 'mount-target' }.detail"))
                .startsWith("One Zone: one mount target by design; " + FakeAccountResource.FILE_SYSTEM + " lives in eu-west-1a");
        assertThat(report.getString("summary")).startsWith("One Zone: ");
        assertThat(FakeAccountResource.calls().subList(before, FakeAccountResource.calls().size()))
                .anyMatch(c -> c.startsWith("efs DescribeFileSystems") && c.contains("One Zone in eu-west-1a"))
                .noneMatch(c -> c.startsWith("efs CreateMountTarget"));
    }

    // https://docs.aws.amazon.com/efs/latest/ug/API_MountTargetDescription.html: LifeCycleState error.
    @Test
    @Order(5)
    void aTargetThatFailsIntoErrorFailsItsRunAndEveryLaterRunNamesItWithoutCreatingAnother() throws Exception {
        faults.newMountTargetsFail(FakeAccountResource.FILE_SYSTEM);
        int before = FakeAccountResource.calls().size();

        JsonPath first = run();

        assertThat(first.getString("outcome")).isEqualTo("FAILED");
        assertThat(first.getString("steps.find { it.name == 'mount-target' }.detail")).startsWith("fsmt-")
                .endsWith(" in eu-west-1c went to state 'error' instead of available");

        JsonPath second = run();

        assertThat(second.getString("outcome")).isEqualTo("FAILED");
        assertThat(second.getString("steps.find { it.name == 'mount-target' }.detail"))
                .startsWith("not every zone is covered and no zone is free to take a mount target; not covering their zone: ")
                .contains(" in eu-west-1c is error (delete a target in error");
        assertThat(second.getString("summary")).doesNotContain("All zones covered");
        assertThat(FakeAccountResource.calls().subList(before, FakeAccountResource.calls().size()))
                .filteredOn(c -> c.startsWith("efs CreateMountTarget")).hasSize(1);
    }

    @Test
    @Order(3)
    void whenSsmFailsTheRoutersListSourceFallsBackToTheConfiguredDefaultListAndSaysWhy() {
        faults.call("ssm:GetParameter").failWith(500, "InternalServerError", "SSM is down");
        MountTargetList defaults = new MountTargetList(FakeAccountResource.FILE_SYSTEM, List.of(
                new MountTarget("fsmt-0ef500000000000a0", "eu-west-1a", "subnet-0ef500000000000a0", "10.20.1.10",
                        MountTarget.AVAILABLE)));

        MountTargetListSource.Loaded loaded = new MountTargetListSource(parameters, FakeAccountResource.PARAMETER,
                defaults).load();

        assertThat(loaded.origin()).isEqualTo(MountTargetListSource.Origin.DEFAULT);
        assertThat(loaded.list()).isEqualTo(defaults);
        assertThat(loaded.fallbackReason().orElseThrow())
                .contains("reading " + FakeAccountResource.PARAMETER + " failed").contains("InternalServerError");
        assertThat(FakeAccountResource.calls()).anyMatch(c -> c.startsWith("ssm GetParameter") && c.contains("[fault"));
    }
}
