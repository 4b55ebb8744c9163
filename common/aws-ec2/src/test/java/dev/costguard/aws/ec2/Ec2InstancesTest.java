package dev.costguard.aws.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.ports.InstanceStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;

class Ec2InstancesTest {

    private static final int MAX_ATTEMPTS = 3;
    private static final String INSTANCE = "i-0123456789abcdef0";
    private static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private static final Duration GENEROUS = Duration.ofSeconds(10);

    @RegisterExtension
    static final LocalAws aws = new LocalAws(MAX_ATTEMPTS);
    private static final Ec2Client client = aws.client(Ec2Client.builder());
    private static final Ec2Instances instances = new Ec2Instances(client, Duration.ofMillis(1));

    @Test
    void stopsTheInstanceWithAFormEncodedStopInstancesQuery() {
        server().stubFor(action("StopInstances").willReturn(xml(stateChange("StopInstancesResponse", "stopping", "running"))));

        assertThat(instances.stop(INSTANCE)).isEqualTo(InstanceState.STOPPING);

        server().verify(1, query("StopInstances")
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("Action=StopInstances"))
                .withRequestBody(containing("Version=2016-11-15"))
                .withRequestBody(containing("InstanceId.1=" + INSTANCE)));
    }

    @Test
    void startsTheInstanceWithAStartInstancesQuery() {
        server().stubFor(action("StartInstances").willReturn(xml(stateChange("StartInstancesResponse", "pending", "stopped"))));

        assertThat(instances.start(INSTANCE)).isEqualTo(InstanceState.PENDING);

        server().verify(1, query("StartInstances")
                .withRequestBody(containing("Version=2016-11-15"))
                .withRequestBody(containing("InstanceId.1=" + INSTANCE)));
    }

    @Test
    void describesStateAndBothAddresses() {
        server().stubFor(action("DescribeInstances").willReturn(xml(describe("running", true))));

        assertThat(instances.describe(INSTANCE))
                .isEqualTo(new InstanceStatus(INSTANCE, InstanceState.RUNNING, "10.0.1.15", "203.0.113.10"));

        server().verify(1, query("DescribeInstances").withRequestBody(containing("InstanceId.1=" + INSTANCE)));
    }

    @Test
    void describesAStoppedInstanceWithoutPublicAddress() {
        server().stubFor(action("DescribeInstances").willReturn(xml(describe("stopped", false))));

        assertThat(instances.describe(INSTANCE))
                .isEqualTo(new InstanceStatus(INSTANCE, InstanceState.STOPPED, "10.0.1.15", null));
    }

    @Test
    void failsClearlyWhenTheInstanceIsNotInTheResponse() {
        server().stubFor(action("DescribeInstances").willReturn(xml(
                "<DescribeInstancesResponse xmlns=\"" + NAMESPACE + "\"><requestId>r-1</requestId>"
                        + "<reservationSet/></DescribeInstancesResponse>")));

        assertThatThrownBy(() -> instances.describe(INSTANCE))
                .isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("DescribeInstances")
                .hasMessageContaining("does not mention instance " + INSTANCE);
    }

    @Test
    void waitsThroughStoppingUntilStopped() {
        server().stubFor(action("DescribeInstances").inScenario("stop").whenScenarioStateIs(STARTED)
                .willReturn(xml(describe("stopping", true))).willSetStateTo("still stopping"));
        server().stubFor(action("DescribeInstances").inScenario("stop").whenScenarioStateIs("still stopping")
                .willReturn(xml(describe("stopping", false))).willSetStateTo("stopped"));
        server().stubFor(action("DescribeInstances").inScenario("stop").whenScenarioStateIs("stopped")
                .willReturn(xml(describe("stopped", false))));

        InstanceStatus status = instances.awaitStopped(INSTANCE, GENEROUS);

        assertThat(status).isEqualTo(new InstanceStatus(INSTANCE, InstanceState.STOPPED, "10.0.1.15", null));
        server().verify(3, query("DescribeInstances"));
    }

    @Test
    void waitsThroughPendingUntilRunningAndReturnsTheNewAddress() {
        server().stubFor(action("DescribeInstances").inScenario("start").whenScenarioStateIs(STARTED)
                .willReturn(xml(describe("pending", false))).willSetStateTo("running"));
        server().stubFor(action("DescribeInstances").inScenario("start").whenScenarioStateIs("running")
                .willReturn(xml(describe("running", true))));

        InstanceStatus status = instances.awaitRunning(INSTANCE, GENEROUS);

        assertThat(status).isEqualTo(new InstanceStatus(INSTANCE, InstanceState.RUNNING, "10.0.1.15", "203.0.113.10"));
        server().verify(2, query("DescribeInstances"));
    }

    @Test
    void waitingForRunningFailsAtOnceWhenTheInstanceIsStopping() {
        server().stubFor(action("DescribeInstances").willReturn(xml(describe("stopping", true))));

        assertThatThrownBy(() -> instances.awaitRunning(INSTANCE, GENEROUS))
                .isInstanceOf(CloudOperationException.class)
                .hasMessageContaining(INSTANCE)
                .hasMessageContaining("did not become running (timeout PT10S)")
                .hasMessageContaining("last state seen stopping");
        // One poll that ends the wait, one describe for the message: no waiting out the timeout.
        server().verify(2, query("DescribeInstances"));
    }

    @Test
    void waitingForStoppedFailsAtOnceWhenTheInstanceIsPending() {
        server().stubFor(action("DescribeInstances").willReturn(xml(describe("pending", false))));

        assertThatThrownBy(() -> instances.awaitStopped(INSTANCE, GENEROUS))
                .isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("did not become stopped")
                .hasMessageContaining("last state seen pending");
    }

    @Test
    void waitingTimesOutWhenTheStateNeverComes() {
        server().stubFor(action("DescribeInstances").willReturn(xml(describe("stopping", false))));

        assertThatThrownBy(() -> instances.awaitStopped(INSTANCE, Duration.ofMillis(200)))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.operation()).isEqualTo("wait until stopped");
                    assertThat(e.getMessage()).contains(INSTANCE, "did not become stopped (timeout PT0.2S)",
                            "last state seen stopping");
                });
    }

    @Test
    void waitingWithAZeroPollIntervalStillEndsAtTheTimeout() {
        Ec2Instances impatient = new Ec2Instances(client, Duration.ZERO);
        server().stubFor(action("DescribeInstances").willReturn(xml(describe("pending", false))));

        assertThatThrownBy(() -> impatient.awaitRunning(INSTANCE, Duration.ofMillis(100)))
                .isInstanceOf(CloudOperationException.class)
                .hasMessageContaining("last state seen pending");
    }

    @Test
    void aPollThatFailsKeepsTheAwsErrorCode() {
        server().stubFor(action("DescribeInstances").willReturn(unauthorized()));

        assertThatThrownBy(() -> instances.awaitRunning(INSTANCE, GENEROUS))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("UnauthorizedOperation");
                    assertThat(e.getMessage()).contains("wait until running", INSTANCE);
                });
    }

    @Test
    void mapsAnEc2ErrorResponseToItsErrorCode() {
        server().stubFor(action("StopInstances").willReturn(unauthorized()));

        assertThatThrownBy(() -> instances.stop(INSTANCE))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.operation()).isEqualTo("StopInstances");
                    assertThat(e.errorCode()).isEqualTo("UnauthorizedOperation");
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("You are not authorized to perform this operation.");
                });
        server().verify(1, query("StopInstances"));
    }

    @Test
    void retriesRequestLimitExceededThenFails() {
        server().stubFor(action("StartInstances").willReturn(requestLimitExceeded()));

        assertThatThrownBy(() -> instances.start(INSTANCE))
                .isInstanceOfSatisfying(CloudOperationException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("RequestLimitExceeded"));
        server().verify(MAX_ATTEMPTS, query("StartInstances"));
    }

    @Test
    void succeedsWhenRequestLimitExceededClearsOnTheRetry() {
        server().stubFor(action("StopInstances").inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(requestLimitExceeded()).willSetStateTo("cleared"));
        server().stubFor(action("StopInstances").inScenario("limit").whenScenarioStateIs("cleared")
                .willReturn(xml(stateChange("StopInstancesResponse", "stopping", "running"))));

        assertThat(instances.stop(INSTANCE)).isEqualTo(InstanceState.STOPPING);
        server().verify(2, query("StopInstances"));
    }

    private static MappingBuilder action(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    private static RequestPatternBuilder query(String action) {
        return postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
    }

    private static ResponseDefinitionBuilder unauthorized() {
        return error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.");
    }

    private static ResponseDefinitionBuilder requestLimitExceeded() {
        return error(503, "RequestLimitExceeded", "Request limit exceeded.");
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return xml("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code
                + "</Code><Message>" + message + "</Message></Error></Errors>"
                + "<RequestID>5d6a1ea4-6e1c-4b5a-a0a1-0c5e2b0f1d11</RequestID></Response>").withStatus(status);
    }

    private static String describe(String state, boolean withPublicIp) {
        return "<DescribeInstancesResponse xmlns=\"" + NAMESPACE + "\">"
                + "<requestId>8f7e6d5c-1a2b-3c4d-5e6f-7a8b9c0d1e2f</requestId>"
                + "<reservationSet><item><reservationId>r-0a1b2c3d4e5f60718</reservationId><ownerId>123456789012</ownerId>"
                + "<instancesSet><item>"
                + "<instanceId>" + INSTANCE + "</instanceId>"
                + "<instanceState><code>" + stateCode(state) + "</code><name>" + state + "</name></instanceState>"
                + "<privateIpAddress>10.0.1.15</privateIpAddress>"
                + (withPublicIp ? "<ipAddress>203.0.113.10</ipAddress>" : "")
                + "</item></instancesSet></item></reservationSet>"
                + "</DescribeInstancesResponse>";
    }

    private static String stateChange(String root, String current, String previous) {
        return "<" + root + " xmlns=\"" + NAMESPACE + "\"><requestId>3e4f5a6b-7c8d-9e0f-1a2b-3c4d5e6f7a8b</requestId>"
                + "<instancesSet><item><instanceId>" + INSTANCE + "</instanceId>"
                + "<currentState><code>" + stateCode(current) + "</code><name>" + current + "</name></currentState>"
                + "<previousState><code>" + stateCode(previous) + "</code><name>" + previous + "</name></previousState>"
                + "</item></instancesSet></" + root + ">";
    }

    private static int stateCode(String state) {
        return switch (state) {
            case "pending" -> 0;
            case "running" -> 16;
            case "stopping" -> 64;
            case "stopped" -> 80;
            default -> throw new IllegalArgumentException(state);
        };
    }

    private static WireMockServer server() {
        return aws.server();
    }
}
