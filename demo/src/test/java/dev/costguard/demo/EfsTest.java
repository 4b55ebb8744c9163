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
