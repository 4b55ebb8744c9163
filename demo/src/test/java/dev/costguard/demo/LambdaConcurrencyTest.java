package dev.costguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LambdaConcurrencyTest {

    private final FakeAccount aws = new FakeAccount();

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void reportsReservedConcurrencyOnlyWhereThereIsOne() {
        assertThat(aws.get("/2019-09-30/functions/relay-default/concurrency").body()).isEqualTo("{\"ReservedConcurrentExecutions\":10}");
        assertThat(aws.get("/2019-09-30/functions/relay-connect/concurrency").body()).isEqualTo("{}");
    }

    @Test
    void throttlingAndUnthrottlingShowInTheAccountState() {
        HttpResponse<String> put = aws.send("PUT", "/2017-10-31/functions/relay-connect/concurrency",
                "{\"ReservedConcurrentExecutions\":0}", "Content-Type", "application/json");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).isEqualTo("{\"ReservedConcurrentExecutions\":0}");
        assertThat(aws.state().at("/lambda/relay-connect").asInt()).isZero();

        HttpResponse<String> delete = aws.send("DELETE", "/2017-10-31/functions/relay-connect/concurrency", null);
        assertThat(delete.statusCode()).isEqualTo(204);
        assertThat(aws.state().at("/lambda/relay-connect").isNull()).isTrue();
    }

    @Test
    void acceptsAFunctionArnInThePath() {
        String arn = "arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Arelay-default";
        assertThat(aws.get("/2019-09-30/functions/" + arn + "/concurrency").body()).contains("10");
    }

    @Test
    void unknownFunctionIsResourceNotFound() {
        HttpResponse<String> response = aws.get("/2019-09-30/functions/no-such-fn/concurrency");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
        assertThat(FakeAccount.json(response).get("Type").asText()).isEqualTo("User");
        assertThat(FakeAccount.json(response).get("Message").asText()).startsWith("Function not found: ").endsWith(":function:no-such-fn");
    }

    @Test
    void refusesAReservationThatLeavesTheAccountLessThanOneHundredUnreserved() {
        HttpResponse<String> response = aws.send("PUT", "/2017-10-31/functions/relay-connect/concurrency",
                "{\"ReservedConcurrentExecutions\":895}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidParameterValueException");
        assertThat(aws.state().at("/lambda/relay-connect").isNull()).isTrue();
    }
}
