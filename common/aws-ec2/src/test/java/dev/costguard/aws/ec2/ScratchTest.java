package dev.costguard.aws.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import dev.costguard.aws.LocalAws;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

class ScratchTest {
    @Test
    void print() {
        try (LocalAws aws = new LocalAws(2); Ec2Client c = aws.clients().build(Ec2Client.builder())) {
            Ec2Instances in = new Ec2Instances(c, Duration.ofMillis(1));
            String ns = "http://ec2.amazonaws.com/doc/2016-11-15/";
            String d = "<DescribeInstancesResponse xmlns=\"" + ns + "\"><reservationSet><item><instancesSet><item><instanceId>i-1</instanceId><instanceState><code>64</code><name>stopping</name></instanceState></item></instancesSet></item></reservationSet></DescribeInstancesResponse>";
            aws.server().stubFor(post("/").willReturn(aResponse().withBody(d)));
            try { in.awaitRunning("i-1", Duration.ofMinutes(10)); } catch (Exception e) { System.out.println("MSG1 " + e.getMessage()); }
            try { in.awaitStopped("i-1", Duration.ofMillis(50)); } catch (Exception e) { System.out.println("MSG2 " + e.getMessage()); }
            aws.server().stubFor(post("/").willReturn(aResponse().withStatus(400).withBody("<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-1' does not exist</Message></Error></Errors></Response>")));
            try { in.awaitRunning("i-1", Duration.ofMillis(50)); } catch (Exception e) { System.out.println("MSG3 " + e.getMessage()); }
            try { in.awaitStopped("i-1", Duration.ofMillis(50)); } catch (Exception e) { System.out.println("MSG4 " + e.getMessage()); }
        }
    }
}
