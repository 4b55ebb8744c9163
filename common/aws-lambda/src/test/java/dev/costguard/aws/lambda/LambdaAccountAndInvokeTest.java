package dev.costguard.aws.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.ConcurrencyQuota.AccountConcurrency;
import dev.costguard.core.ports.FunctionInvoker.Invocation;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;

class LambdaAccountAndInvokeTest {

    private static final String INVOKE_PATH = "/2015-03-31/functions/costguard-dev-shutdown/invocations?Qualifier=live";

    @RegisterExtension
    static final LocalAws aws = new LocalAws(2);
    private static final LambdaClient client = aws.client(LambdaClient.builder());

    @Test
    void readsTheConcurrencyLimitAndUnreservedFromGetAccountSettings() {
        aws.server().stubFor(get(urlEqualTo("/2016-08-19/account-settings")).willReturn(okJson(
                "{\"AccountLimit\":{\"ConcurrentExecutions\":10,\"UnreservedConcurrentExecutions\":10,\"CodeSizeUnzipped\":262144000},"
                        + "\"AccountUsage\":{\"FunctionCount\":4}}")));

        assertThat(new LambdaConcurrencyQuota(client).read()).isEqualTo(new AccountConcurrency(10, 10));
        aws.server().verify(1, getRequestedFor(urlEqualTo("/2016-08-19/account-settings")));
    }

    @Test
    void invokesTheAliasSynchronouslyWithThePayload() {
        aws.server().stubFor(post(urlEqualTo(INVOKE_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Amz-Executed-Version", "7")
                .withBody("{\"overall_success\":true}")));

        Invocation invocation = new LambdaFunctionInvoker(client).invoke("costguard-dev-shutdown", "live", "{\"reason\":\"smoke\",\"dryRun\":true}");

        assertThat(invocation).isEqualTo(new Invocation(200, Optional.empty(), "{\"overall_success\":true}"));
        aws.server().verify(1, postRequestedFor(urlEqualTo(INVOKE_PATH))
                .withHeader("X-Amz-Invocation-Type", equalTo("RequestResponse"))
                .withRequestBody(equalToJson("{\"reason\":\"smoke\",\"dryRun\":true}")));
    }

    @Test
    void aHandlerErrorComesBackAsTheFunctionError() {
        aws.server().stubFor(post(urlEqualTo(INVOKE_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Amz-Function-Error", "Unhandled")
                .withBody("{\"errorMessage\":\"Invalid Cost Guard settings\",\"errorType\":\"InvalidSettingsException\"}")));

        Invocation invocation = new LambdaFunctionInvoker(client).invoke("costguard-dev-shutdown", "live", "{}");

        assertThat(invocation.functionError()).hasValue("Unhandled");
        assertThat(invocation.payload()).contains("Invalid Cost Guard settings");
    }
}
