package dev.costguard.efsscaler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.efs.MountTarget;
import dev.costguard.core.efs.MountTargetList;
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
 * The packaged scaler against the fake account with scripted faults: a refused create, a failing PutParameter; and
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

    private JsonPath state() throws Exception {
        return JsonPath.from(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint + "/_demo/state"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    @Order(1)
    void aRefusedCreateMountTargetFailsTheRunNamingTheEfsErrorAndChangesNothingElse() throws Exception {
        faults.call("efs:CreateMountTarget").failWith(409, "NoFreeAddressesInSubnet", "The subnet has no free IP addresses");

        JsonPath report = run();

        assertThat(report.getString("outcome")).isEqualTo("FAILED");
        assertThat(report.getString("steps.find { it.name == 'mount-target' }.detail"))
                .startsWith("EFS refused a mount target in subnet-0ef500000000000c0 (eu-west-1c): NoFreeAddressesInSubnet: ");
        assertThat(report.getString("steps.find { it.name == 'publish' }.status")).isEqualTo("SKIPPED");
        assertThat(report.getString("notification.status")).isEqualTo("SUCCEEDED");
        assertThat(state().getMap("efs.'" + FakeAccountResource.FILE_SYSTEM + "'")).hasSize(2);
        assertThat(FakeAccountResource.calls()).noneMatch(c -> c.startsWith("ssm PutParameter") || c.startsWith("ecs UpdateService"));
    }

    @Test
    @Order(2)
    void aFailingPutParameterLeavesTheParameterAloneAndDoesNotRedeploy() throws Exception {
        faults.call("ssm:PutParameter").failWith(500, "InternalServerError", "SSM is having a bad day");

        JsonPath report = run();

        assertThat(report.getString("outcome")).isEqualTo("FAILED");
        assertThat(report.getString("steps.find { it.name == 'publish' }.detail")).contains("InternalServerError");
        assertThat(report.getString("steps.find { it.name == 'redeploy' }.status")).isEqualTo("SKIPPED");
        assertThat(state().getList("ssm.parameters")).doesNotContain(FakeAccountResource.PARAMETER);
        assertThat(state().getInt("ecs.'demo-cluster/web'.desiredCount")).isEqualTo(2);
        assertThat(FakeAccountResource.calls()).noneMatch(c -> c.startsWith("ecs UpdateService"));
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
