package dev.costguard.aws.ecs;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.aws.JsonWire;
import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.TaskDefinitions.Container;
import dev.costguard.core.ports.TaskDefinitions.TaskDefinition;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;

class EcsTaskDefinitionsTest {

    private static final String ARN = "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/nostr-api:7";
    private static final JsonWire ecs = new JsonWire("AmazonEC2ContainerServiceV20141113.", "message");

    @RegisterExtension
    static final LocalAws aws = new LocalAws(2);
    private static final EcsTaskDefinitions definitions = new EcsTaskDefinitions(aws.client(EcsClient.builder()));

    @Test
    void readsEachContainersEntryPointVariablesAndSecrets() {
        aws.server().stubFor(ecs.operation("DescribeTaskDefinition").willReturn(ecs.json("{\"taskDefinition\":{\"taskDefinitionArn\":\"" + ARN
                + "\",\"containerDefinitions\":[{\"name\":\"api\",\"image\":\"nostr-api:1\",\"entryPoint\":[\"/bin/sh\",\"-c\"],"
                + "\"environment\":[{\"name\":\"DB_HOST\",\"value\":\"db\"},{\"name\":\"DB_NAME\",\"value\":\"nostr\"}],"
                + "\"secrets\":[{\"name\":\"DB_PASSWORD\",\"valueFrom\":\"arn:aws:ssm:ap-northeast-1:123456789012:parameter/db\"}]},"
                + "{\"name\":\"sidecar\",\"image\":\"envoy\"}]}}")));

        TaskDefinition definition = definitions.describe(ARN);

        assertThat(definition.containers()).containsExactly(
                new Container("api", List.of("/bin/sh", "-c"), Set.of("DB_HOST", "DB_NAME"), Set.of("DB_PASSWORD")),
                new Container("sidecar", List.of(), Set.of(), Set.of()));
        assertThat(definition.container("api").orElseThrow().has("DB_PASSWORD")).isTrue();
        assertThat(definition.container("api").orElseThrow().has("DB_USER")).isFalse();
        aws.server().verify(1, ecs.called("DescribeTaskDefinition").withRequestBody(equalToJson("{\"taskDefinition\":\"" + ARN + "\"}")));
    }
}
