package dev.costguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EfsTest {

    private static final String FS = AccountState.FILE_SYSTEM_ID;
    private static final String TARGETS = "/2015-02-01/mount-targets";

    private final FakeAccount aws = new FakeAccount();

    @AfterEach
    void stop() {
        aws.close();
    }

    private HttpResponse<String> create(String subnet) {
        return aws.send("POST", TARGETS, "{\"FileSystemId\":\"" + FS + "\",\"SubnetId\":\"" + subnet
                + "\",\"SecurityGroups\":[\"sg-0ef5000000000000a\"]}", "Content-Type", "application/json");
    }

    @Test
    void theSampleFileSystemHasTargetsInTwoOfThreeZonesPagedWithNextMarker() {
        JsonNode first = FakeAccount.json(aws.get(TARGETS + "?FileSystemId=" + FS));

        assertThat(first.at("/MountTargets/0/AvailabilityZoneName").asText()).isEqualTo(AccountState.REGION + "a");
        assertThat(first.at("/MountTargets/1/AvailabilityZoneName").asText()).isEqualTo(AccountState.REGION + "b");
        assertThat(first.at("/MountTargets/0/LifeCycleState").asText()).isEqualTo("available");
        assertThat(first.has("NextMarker")).isFalse();

        HttpResponse<String> subnets = aws.ec2("DescribeSubnets", "Filter.1.Name", "vpc-id", "Filter.1.Value.1", AccountState.EFS_VPC);
        assertThat(FakeAccount.xmlTexts(subnets, "availabilityZone"))
                .containsExactly(AccountState.REGION + "a", AccountState.REGION + "b", AccountState.REGION + "c");
    }

    @Test
    void aNewTargetIsCreatingForTwoDescribesThenAvailable() {
        JsonNode created = FakeAccount.json(create("subnet-0ef500000000000c0"));
        String id = created.path("MountTargetId").asText();

        assertThat(created.path("LifeCycleState").asText()).isEqualTo("creating");
        List<String> states = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            states.add(FakeAccount.json(aws.get(TARGETS + "?MountTargetId=" + id)).at("/MountTargets/0/LifeCycleState").asText());
        }
        assertThat(states).containsExactly("creating", "creating", "available");
        JsonNode all = FakeAccount.json(aws.get(TARGETS + "?FileSystemId=" + FS));
        assertThat(all.path("NextMarker").asText()).isEqualTo("page-2");
        JsonNode rest = FakeAccount.json(aws.get(TARGETS + "?FileSystemId=" + FS + "&Marker=page-2"));
        assertThat(rest.at("/MountTargets/0/MountTargetId").asText()).isEqualTo(id);
        assertThat(aws.state().at("/efs/" + FS + "/" + id + "/state").asText()).isEqualTo("available");
    }

    @Test
    void aSecondTargetInACoveredZoneIsAConflict() {
        HttpResponse<String> refused = create("subnet-0ef500000000000a0");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("x-amzn-ErrorType")).hasValue("MountTargetConflict");
        assertThat(FakeAccount.json(refused).path("ErrorCode").asText()).isEqualTo("MountTargetConflict");
    }

    private String fault(String json) {
        HttpResponse<String> added = aws.send("POST", "/_faults", json, "Content-Type", "application/json");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        return FakeAccount.json(added).path("id").asText();
    }

    // https://docs.aws.amazon.com/efs/latest/ug/API_CreateMountTarget.html: the response carries IpAddress while the
    // target is still creating.
    @Test
    void aNewTargetHasItsIpAddressWhileItIsStillCreating() {
        JsonNode created = FakeAccount.json(create("subnet-0ef500000000000c0"));

        assertThat(created.path("LifeCycleState").asText()).isEqualTo("creating");
        assertThat(created.path("IpAddress").asText()).isEqualTo("10.20.3.12");
        JsonNode described = FakeAccount.json(aws.get(TARGETS + "?MountTargetId=" + created.path("MountTargetId").asText()));
        assertThat(described.at("/MountTargets/0/IpAddress").asText()).isEqualTo("10.20.3.12");
    }

    // https://docs.aws.amazon.com/efs/latest/ug/API_DescribeFileSystems.html: AvailabilityZoneName only for One Zone.
    @Test
    void describeFileSystemsNamesTheZoneOnlyForOneZoneStorageWhichTakesNoSecondTarget() {
        JsonNode regional = FakeAccount.json(aws.get("/2015-02-01/file-systems?FileSystemId=" + FS));
        assertThat(regional.at("/FileSystems/0/FileSystemId").asText()).isEqualTo(FS);
        assertThat(regional.at("/FileSystems/0/LifeCycleState").asText()).isEqualTo("available");
        assertThat(regional.at("/FileSystems/0").has("AvailabilityZoneName")).isFalse();

        String id = fault("{\"fileSystem\":\"" + FS + "\",\"oneZone\":\"" + AccountState.REGION + "a\"}");

        JsonNode oneZone = FakeAccount.json(aws.get("/2015-02-01/file-systems?FileSystemId=" + FS));
        assertThat(oneZone.at("/FileSystems/0/AvailabilityZoneName").asText()).isEqualTo(AccountState.REGION + "a");
        HttpResponse<String> refused = create("subnet-0ef500000000000c0");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(FakeAccount.json(refused).path("ErrorCode").asText()).isEqualTo("AvailabilityZonesMismatch");

        aws.send("DELETE", "/_faults/" + id, null);
        assertThat(FakeAccount.json(aws.get("/2015-02-01/file-systems?FileSystemId=" + FS)).at("/FileSystems/0")
                .has("AvailabilityZoneName")).isFalse();
    }

    @Test
    void scriptedNewTargetsEndInError() {
        String failing = fault("{\"fileSystem\":\"" + FS + "\",\"newTargetsEndIn\":\"error\"}");
        String id = FakeAccount.json(create("subnet-0ef500000000000c0")).path("MountTargetId").asText();
        List<String> states = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            states.add(FakeAccount.json(aws.get(TARGETS + "?MountTargetId=" + id)).at("/MountTargets/0/LifeCycleState").asText());
        }
        assertThat(states).containsExactly("creating", "creating", "error");
        assertThat(FakeAccount.json(aws.get("/_faults")).at("/0/newTargetsEndIn").asText()).isEqualTo("error");
        aws.send("DELETE", "/_faults/" + failing, null);
        assertThat(FakeAccount.json(aws.get("/_faults"))).isEmpty();
    }

    @Test
    void scriptedCreatingTargetsStayCreatingUntilTheFaultIsRemoved() {
        String held = fault("{\"fileSystem\":\"" + FS + "\",\"creatingHeld\":true}");
        String second = FakeAccount.json(create("subnet-0ef500000000000c0")).path("MountTargetId").asText();
        for (int i = 0; i < 5; i++) {
            assertThat(FakeAccount.json(aws.get(TARGETS + "?MountTargetId=" + second)).at("/MountTargets/0/LifeCycleState")
                    .asText()).isEqualTo("creating");
        }
        aws.send("DELETE", "/_faults/" + held, null);
        for (int i = 0; i < 3; i++) {
            aws.get(TARGETS + "?MountTargetId=" + second);
        }
        assertThat(aws.state().at("/efs/" + FS + "/" + second + "/state").asText()).isEqualTo("available");
    }

    // https://docs.aws.amazon.com/efs/latest/ug/API_CreateMountTarget.html (Errors): UnsupportedAvailabilityZone, 400.
    @Test
    void aScriptedZoneRefusalAnswersWithEfsErrorCodeAndBadCodesAreRefused() {
        fault("{\"zone\":\"" + AccountState.REGION + "c\",\"refuseMountTargets\":\"UnsupportedAvailabilityZone\"}");

        HttpResponse<String> refused = create("subnet-0ef500000000000c0");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("x-amzn-ErrorType")).hasValue("UnsupportedAvailabilityZone");
        HttpResponse<String> bad = aws.send("POST", "/_faults", "{\"zone\":\"" + AccountState.REGION
                + "c\",\"refuseMountTargets\":\"Nope\"}", "Content-Type", "application/json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\\\"refuseMountTargets\\\" must be one of");
    }

    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html: zoneType per zone.
    @Test
    void describeAvailabilityZonesAnswersTheTypeOfEachNamedZone() {
        HttpResponse<String> zones = aws.ec2("DescribeAvailabilityZones", "ZoneName.1", AccountState.REGION + "a",
                "ZoneName.2", AccountState.REGION + "c");

        assertThat(FakeAccount.xmlTexts(zones, "zoneName")).containsExactly(AccountState.REGION + "a", AccountState.REGION + "c");
        assertThat(FakeAccount.xmlTexts(zones, "zoneType")).containsExactly("availability-zone", "availability-zone");
        HttpResponse<String> unknown = aws.ec2("DescribeAvailabilityZones", "ZoneName.1", "mars-north-1a");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("InvalidParameterValue");
    }

    @Test
    void anUnknownMountTargetIsNotFound() {
        HttpResponse<String> missing = aws.get(TARGETS + "?MountTargetId=fsmt-0000000000000000");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(FakeAccount.json(missing).path("ErrorCode").asText()).isEqualTo("MountTargetNotFound");
    }

    @Test
    void updateServiceWithForceNewDeploymentCountsTheDeployment() {
        aws.jsonCall("AmazonEC2ContainerServiceV20141113.UpdateService",
                "{\"cluster\":\"demo-cluster\",\"service\":\"web\",\"forceNewDeployment\":true}");

        assertThat(aws.state().at("/ecs/demo-cluster~1web/forcedDeployments").asInt()).isEqualTo(1);
        assertThat(aws.state().at("/ecs/demo-cluster~1web/desiredCount").asInt()).isEqualTo(2);
    }
}
