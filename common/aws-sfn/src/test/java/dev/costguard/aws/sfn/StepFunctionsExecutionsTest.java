package dev.costguard.aws.sfn;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.Executions.Execution;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;

class StepFunctionsExecutionsTest {

    private static final String MACHINE = "arn:aws:states:ap-northeast-1:123456789012:stateMachine:costguard-dev-nightly-batch";
    private static final String EXECUTION = "arn:aws:states:ap-northeast-1:123456789012:execution:costguard-dev-nightly-batch:smoke-1";

    @RegisterExtension
    static final LocalAws aws = new LocalAws(2);
    private static final StepFunctionsExecutions executions = new StepFunctionsExecutions(aws.client(SfnClient.builder()));

    @Test
    void startsAnExecutionWithItsNameAndInput() {
        aws.server().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StartExecution"))
                .willReturn(json("{\"executionArn\":\"" + EXECUTION + "\",\"startDate\":1764686400.0}")));

        assertThat(executions.start(MACHINE, "smoke-1", "{\"dryRun\":true}")).isEqualTo(EXECUTION);
        aws.server().verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StartExecution"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.0"))
                .withRequestBody(equalToJson("{\"stateMachineArn\":\"" + MACHINE + "\",\"name\":\"smoke-1\",\"input\":\"{\\\"dryRun\\\":true}\"}")));
    }

    @Test
    void describesAFailedExecutionWithItsErrorAndCause() {
        aws.server().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSStepFunctions.DescribeExecution"))
                .willReturn(json("{\"executionArn\":\"" + EXECUTION + "\",\"stateMachineArn\":\"" + MACHINE + "\",\"status\":\"FAILED\","
                        + "\"startDate\":1764686400.0,\"error\":\"States.TaskFailed\",\"cause\":\"exit code 2\"}")));

        assertThat(executions.describe(EXECUTION)).isEqualTo(new Execution(EXECUTION, "FAILED", Optional.empty(),
                Optional.of("States.TaskFailed"), Optional.of("exit code 2")));
        aws.server().verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(equalToJson("{\"executionArn\":\"" + EXECUTION + "\"}")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.0").withBody(body);
    }
}
