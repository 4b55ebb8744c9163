package dev.costguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Ec2InstancesTest {

    private static final String ID = AccountState.INSTANCE_ID;

    private final FakeAccount aws = new FakeAccount();

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void describesTheRunningHostWithItsAddresses() {
        HttpResponse<String> response = aws.ec2("DescribeInstances", "InstanceId.1", ID);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<DescribeInstancesResponse xmlns=\"" + Ec2Handler.NAMESPACE + "\">");
        assertThat(FakeAccount.xmlText(response, "instanceId")).isEqualTo(ID);
        assertThat(FakeAccount.xmlText(response, "code")).isEqualTo("16");
        assertThat(FakeAccount.xmlText(response, "name")).isEqualTo("running");
        assertThat(FakeAccount.xmlText(response, "privateIpAddress")).isEqualTo("127.0.0.1");
        assertThat(FakeAccount.xmlText(response, "ipAddress")).isEqualTo("127.0.0.1");
    }

    @Test
    void describeWithoutIdsOrWithAStateFilterListsTheHost() {
        assertThat(FakeAccount.xmlTexts(aws.ec2("DescribeInstances"), "instanceId")).containsExactly(ID);
        assertThat(FakeAccount.xmlTexts(aws.ec2("DescribeInstances", "Filter.1.Name", "instance-state-name",
                "Filter.1.Value.1", "running"), "instanceId")).containsExactly(ID);
        assertThat(FakeAccount.xmlTexts(aws.ec2("DescribeInstances", "Filter.1.Name", "instance-state-name",
                "Filter.1.Value.1", "stopped"), "instanceId")).isEmpty();
    }

    @Test
    void stopGoesThroughStoppingAndIsStoppedOnTheNextDescribe() {
        HttpResponse<String> stop = aws.ec2("StopInstances", "InstanceId.1", ID);

        assertThat(stop.statusCode()).isEqualTo(200);
        assertThat(FakeAccount.xmlText(stop, "currentState")).isEqualTo("64stopping");
        assertThat(FakeAccount.xmlText(stop, "previousState")).isEqualTo("16running");
        assertThat(aws.state().at("/ec2/" + ID + "/state").asText()).isEqualTo("stopping");

        assertThat(FakeAccount.xmlText(aws.ec2("DescribeInstances", "InstanceId.1", ID), "name")).isEqualTo("stopped");
        assertThat(aws.state().at("/ec2/" + ID + "/state").asText()).isEqualTo("stopped");
    }

    @Test
    void startWhileStoppingIsRefusedWithIncorrectInstanceState() {
        aws.ec2("StopInstances", "InstanceId.1", ID);

        HttpResponse<String> start = aws.ec2("StartInstances", "InstanceId.1", ID);

        assertThat(start.statusCode()).isEqualTo(400);
        assertThat(start.body()).startsWith("<?xml").contains("<Response><Errors><Error>");
        assertThat(FakeAccount.xmlText(start, "Code")).isEqualTo("IncorrectInstanceState");
        assertThat(FakeAccount.xmlTexts(start, "RequestID")).hasSize(1);
        assertThat(aws.state().at("/ec2/" + ID + "/state").asText()).isEqualTo("stopping");
    }

    @Test
    void startFromStoppedGoesThroughPendingToRunning() {
        aws.ec2("StopInstances", "InstanceId.1", ID);
        aws.ec2("DescribeInstances", "InstanceId.1", ID);

        HttpResponse<String> start = aws.ec2("StartInstances", "InstanceId.1", ID);

        assertThat(FakeAccount.xmlText(start, "currentState")).isEqualTo("0pending");
        assertThat(FakeAccount.xmlText(start, "previousState")).isEqualTo("80stopped");
        assertThat(FakeAccount.xmlText(aws.ec2("DescribeInstances", "InstanceId.1", ID), "name")).isEqualTo("running");
    }

    @Test
    void transitionalStatesSettleByThemselvesOnceTheDelayHasPassed() {
        try (FakeAccount instant = new FakeAccount(Duration.ZERO)) {
            assertThat(FakeAccount.xmlText(instant.ec2("StopInstances", "InstanceId.1", ID), "currentState")).isEqualTo("64stopping");
            assertThat(instant.state().at("/ec2/" + ID + "/state").asText()).isEqualTo("stopped");
        }
    }

    @Test
    void unknownInstanceIsNotFoundAndNothingChanges() {
        HttpResponse<String> response = aws.ec2("StopInstances", "InstanceId.1", ID, "InstanceId.2", "i-0000000000000dead");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(FakeAccount.xmlText(response, "Code")).isEqualTo("InvalidInstanceID.NotFound");
        assertThat(FakeAccount.xmlText(response, "Message")).contains("i-0000000000000dead");
        assertThat(aws.state().at("/ec2/" + ID + "/state").asText()).isEqualTo("running");
    }

    @Test
    void runInstancesLaunchesATaggedHostThatIsPendingUntilDescribed() {
        try (FakeAccount empty = FakeAccount.empty()) {
            HttpResponse<String> run = empty.ec2("RunInstances", "ImageId", "ami-ff0fea8310f3", "InstanceType", "t3.micro",
                    "MinCount", "1", "MaxCount", "1", "TagSpecification.1.ResourceType", "instance",
                    "TagSpecification.1.Tag.1.Key", "Name", "TagSpecification.1.Tag.1.Value", "cost-guard-demo-api");

            assertThat(run.statusCode()).isEqualTo(200);
            assertThat(run.body()).contains("<RunInstancesResponse xmlns=\"" + Ec2Handler.NAMESPACE + "\">");
            String id = FakeAccount.xmlText(run, "instanceId");
            assertThat(id).matches("i-[0-9a-f]{17}");
            assertThat(FakeAccount.xmlText(run, "reservationId")).startsWith("r-");
            assertThat(FakeAccount.xmlText(run, "name")).isEqualTo("pending");
            assertThat(FakeAccount.xmlText(run, "architecture")).isEqualTo("x86_64");
            assertThat(empty.state().at("/ec2/" + id + "/state").asText()).isEqualTo("pending");

            HttpResponse<String> byTag = empty.ec2("DescribeInstances", "Filter.1.Name", "tag:Name", "Filter.1.Value.1", "cost-guard-demo-api");
            assertThat(FakeAccount.xmlTexts(byTag, "instanceId")).containsExactly(id);
            assertThat(FakeAccount.xmlText(byTag, "name")).isEqualTo("running");
            assertThat(FakeAccount.xmlText(byTag, "imageId")).isEqualTo("ami-ff0fea8310f3");
            assertThat(FakeAccount.xmlText(byTag, "privateIpAddress")).isEqualTo("127.0.0.1");
            assertThat(empty.state().at("/ec2/" + id + "/services/nostr-api").asText()).isEqualTo("active");
        }
    }

    @Test
    void tagFiltersMatchEachInstancesOwnTags() {
        assertThat(FakeAccount.xmlTexts(aws.ec2("DescribeInstances", "Filter.1.Name", "tag:Name", "Filter.1.Value.1", "nostr-relay"),
                "instanceId")).containsExactly(ID);
        assertThat(FakeAccount.xmlTexts(aws.ec2("DescribeInstances", "Filter.1.Name", "tag:Name", "Filter.1.Value.1", "other"),
                "instanceId")).isEmpty();
    }

    @Test
    void runInstancesNeedsAWellFormedImageIdAndLaunchesNothingWithout() {
        HttpResponse<String> run = aws.ec2("RunInstances", "ImageId", "ubuntu", "MinCount", "1", "MaxCount", "1");

        assertThat(run.statusCode()).isEqualTo(400);
        assertThat(FakeAccount.xmlText(run, "Code")).isEqualTo("InvalidAMIID.Malformed");
        assertThat(aws.state().get("ec2").size()).isEqualTo(1);
    }

    @Test
    void describeSubnetsListsTheDefaultSubnet() {
        HttpResponse<String> subnets = aws.ec2("DescribeSubnets", "Filter.1.Name", "default-for-az", "Filter.1.Value.1", "true");

        assertThat(FakeAccount.xmlTexts(subnets, "subnetId")).containsExactly(Ec2Handler.DEFAULT_SUBNET);
        assertThat(FakeAccount.xmlText(subnets, "defaultForAz")).isEqualTo("true");
    }
}
