package dev.costguard.aws.ssm;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.aws.JsonWire;
import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.ManagedInstances.ManagedInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ssm.SsmClient;

class SsmManagedInstancesTest {

    private static final String INSTANCE = "i-0123456789abcdef0";
    private static final JsonWire ssm = new JsonWire("AmazonSSM.", "message");

    @RegisterExtension
    static final LocalAws aws = new LocalAws(2);
    private static final SsmManagedInstances instances = new SsmManagedInstances(aws.client(SsmClient.builder()));

    @Test
    void findsTheInstanceByAnInstanceIdsFilter() {
        aws.server().stubFor(ssm.operation("DescribeInstanceInformation").willReturn(ssm.json(
                "{\"InstanceInformationList\":[{\"InstanceId\":\"" + INSTANCE + "\",\"PingStatus\":\"ConnectionLost\","
                        + "\"AgentVersion\":\"3.3.987.0\",\"PlatformName\":\"Amazon Linux\"}]}")));

        assertThat(instances.find(INSTANCE)).hasValue(new ManagedInstance(INSTANCE, "ConnectionLost", "3.3.987.0", "Amazon Linux"));
        aws.server().verify(1, ssm.called("DescribeInstanceInformation").withRequestBody(equalToJson(
                "{\"Filters\":[{\"Key\":\"InstanceIds\",\"Values\":[\"" + INSTANCE + "\"]}]}")));
    }

    @Test
    void anInstanceSsmDoesNotManageIsEmpty() {
        aws.server().stubFor(ssm.operation("DescribeInstanceInformation").willReturn(ssm.json("{\"InstanceInformationList\":[]}")));

        assertThat(instances.find(INSTANCE)).isEmpty();
    }
}
