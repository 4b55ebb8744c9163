package dev.costguard.aws.budgets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.BudgetSpend.Budget;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.budgets.BudgetsClient;

class AwsBudgetSpendTest {

    private static final String TARGET = "AWSBudgetServiceGateway.DescribeBudget";

    @RegisterExtension
    static final LocalAws aws = new LocalAws(2);
    private static final AwsBudgetSpend spend = new AwsBudgetSpend(aws.client(BudgetsClient.builder()));

    @Test
    void readsTheLimitAndTheActualSpendOfTheBudget() {
        aws.server().stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"Budget\":{\"BudgetName\":\"costguard-prod-monthly-cost\",\"BudgetType\":\"COST\",\"TimeUnit\":\"MONTHLY\","
                        + "\"BudgetLimit\":{\"Amount\":\"100.0\",\"Unit\":\"USD\"},"
                        + "\"CalculatedSpend\":{\"ActualSpend\":{\"Amount\":\"123.45\",\"Unit\":\"USD\"}}}}")));

        assertThat(spend.find("123456789012", "costguard-prod-monthly-cost")).hasValue(new Budget("costguard-prod-monthly-cost",
                new BigDecimal("100.0"), new BigDecimal("123.45"), "USD"));
        aws.server().verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(equalToJson("{\"AccountId\":\"123456789012\",\"BudgetName\":\"costguard-prod-monthly-cost\"}")));
    }

    @Test
    void aBudgetThatDoesNotExistIsEmpty() {
        // https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_DescribeBudget.html (NotFoundException)
        aws.server().stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"NotFoundException\",\"Message\":\"Unable to get budget: x - the budget doesn't exist.\"}")));

        assertThat(spend.find("123456789012", "x")).isEmpty();
    }
}
