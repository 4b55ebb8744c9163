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
}
