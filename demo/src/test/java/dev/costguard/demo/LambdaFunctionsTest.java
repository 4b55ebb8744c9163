package dev.costguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LambdaFunctionsTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/cost-guard-demo";

    private final FakeAccount aws = FakeAccount.empty();

    @AfterEach
    void stop() {
        aws.close();
    }

    /** CreateFunction as the SDK sends it: the package inline, base64 in the JSON body. */
    private HttpResponse<String> create(String name, String role, byte[] zip) {
        String body = "{\"Code\":{\"ZipFile\":\"" + Base64.getEncoder().encodeToString(zip) + "\"},\"FunctionName\":\"" + name
                + "\",\"Handler\":\"index.handler\",\"Role\":\"" + role + "\",\"Runtime\":\"python3.12\"}";
        return aws.send("POST", "/2015-03-31/functions", body, "Content-Type", "application/json");
    }

    @Test
    void createFunctionAnswersAPendingConfigurationAndTheFunctionIsActiveByTheNextGetFunction() {
        byte[] zip = SampleAccountSeeder.handlerZip();

        HttpResponse<String> created = create("relay-connect", ROLE, zip);

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode configuration = FakeAccount.json(created);
        assertThat(configuration.get("FunctionArn").asText()).endsWith(":function:relay-connect");
        assertThat(configuration.get("State").asText()).isEqualTo("Pending");
        assertThat(configuration.get("StateReasonCode").asText()).isEqualTo("Creating");
        assertThat(configuration.get("CodeSize").asInt()).isEqualTo(zip.length);
        assertThat(configuration.get("LastModified").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
        assertThat(aws.state().at("/lambda/relay-connect").isNull()).isTrue();

        JsonNode function = FakeAccount.json(aws.get("/2015-03-31/functions/relay-connect"));
        assertThat(function.at("/Configuration/State").asText()).isEqualTo("Active");
        assertThat(function.at("/Configuration/Runtime").asText()).isEqualTo("python3.12");
        assertThat(function.at("/Code/RepositoryType").asText()).isEqualTo("S3");
        assertThat(function.has("Concurrency")).isFalse();
    }

    @Test
    void creatingAFunctionThatExistsIsAResourceConflict() {
        create("relay-default", ROLE, SampleAccountSeeder.handlerZip());

        HttpResponse<String> again = create("relay-default", ROLE, SampleAccountSeeder.handlerZip());

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceConflictException");
        assertThat(FakeAccount.json(again).get("Message").asText()).isEqualTo("Function already exist: relay-default");
    }

    @Test
    void aPackageThatIsNotAZipIsRefusedAndNothingIsCreated() {
        HttpResponse<String> response = create("relay-connect", ROLE, "def handler(e, c): pass".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidParameterValueException");
        assertThat(aws.state().get("lambda").size()).isZero();
    }

    @Test
    void aRoleThatIsNotAnIamRoleArnFailsValidation() {
        HttpResponse<String> response = create("relay-connect", "cost-guard-demo", SampleAccountSeeder.handlerZip());

        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
        assertThat(FakeAccount.json(response).get("Message").asText()).contains("at 'role'");
    }

    @Test
    void getFunctionOfAnUnknownFunctionIsResourceNotFound() {
        HttpResponse<String> response = aws.get("/2015-03-31/functions/relay-connect");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ResourceNotFoundException");
    }
}
