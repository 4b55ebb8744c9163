package dev.costguard.aws.ssm;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.costguard.aws.JsonWire;
import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.CloudOperationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ssm.SsmClient;

class SsmParametersTest {

    private static final int MAX_ATTEMPTS = 3;
    private static final String NAME = "/cost-guard/dev/kill-switch/snapshot";
    private static final String SNAPSHOT = "{\"schemaVersion\":1,\"functions\":{\"orders-api\":5}}";

    private static final JsonWire ssm = new JsonWire("AmazonSSM.", "message");

    @RegisterExtension
    static final LocalAws aws = new LocalAws(MAX_ATTEMPTS);
    private static final SsmClient client = aws.client(SsmClient.builder());
    private static final SsmParameters parameters = new SsmParameters(client);

    @Test
    void readsTheValueOfAnExistingParameter() {
        server().stubFor(ssm.operation("GetParameter").willReturn(ssm.json(
                "{\"Parameter\":{\"Name\":\"" + NAME + "\",\"Type\":\"String\",\"Value\":" + quoted(SNAPSHOT)
                        + ",\"Version\":3,\"DataType\":\"text\"}}")));

        assertThat(parameters.get(NAME)).hasValue(SNAPSHOT);
        server().verify(1, ssm.called("GetParameter").withRequestBody(equalToJson("{\"Name\":\"" + NAME + "\"}")));
    }

    @Test
    void aMissingParameterIsEmpty() {
        server().stubFor(ssm.operation("GetParameter").willReturn(ssm.error("ParameterNotFound", "")));

        assertThat(parameters.get(NAME)).isEmpty();
    }

    @Test
    void putIfAbsentWritesAnIntelligentTieringStringWithoutOverwrite() {
        server().stubFor(ssm.operation("PutParameter").willReturn(ssm.json("{\"Version\":1,\"Tier\":\"Standard\"}")));

        assertThat(parameters.putIfAbsent(NAME, SNAPSHOT)).isTrue();

        server().verify(1, ssm.called("PutParameter").withRequestBody(equalToJson("{\"Name\":\"" + NAME + "\","
                + "\"Value\":" + quoted(SNAPSHOT) + ",\"Type\":\"String\",\"Overwrite\":false,"
                + "\"Tier\":\"Intelligent-Tiering\"}")));
    }

    @Test
    void putIfAbsentLeavesAnExistingParameterAlone() {
        server().stubFor(ssm.operation("PutParameter").willReturn(ssm.error("ParameterAlreadyExists",
                "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.")));

        assertThat(parameters.putIfAbsent(NAME, SNAPSHOT)).isFalse();
        server().verify(1, ssm.called("PutParameter"));
    }

    @Test
    void putOverwrites() {
        server().stubFor(ssm.operation("PutParameter").willReturn(ssm.json("{\"Version\":4,\"Tier\":\"Standard\"}")));

        parameters.put(NAME, SNAPSHOT);

        server().verify(1, ssm.called("PutParameter").withRequestBody(equalToJson("{\"Name\":\"" + NAME + "\","
                + "\"Value\":" + quoted(SNAPSHOT) + ",\"Type\":\"String\",\"Overwrite\":true,"
                + "\"Tier\":\"Intelligent-Tiering\"}")));
    }

    @Test
    void deletesTheParameter() {
        server().stubFor(ssm.operation("DeleteParameter").willReturn(ssm.json("{}")));

        parameters.delete(NAME);

        server().verify(1, ssm.called("DeleteParameter").withRequestBody(equalToJson("{\"Name\":\"" + NAME + "\"}")));
    }

    @Test
    void deletingAMissingParameterIsFine() {
        server().stubFor(ssm.operation("DeleteParameter").willReturn(ssm.error("ParameterNotFound", "")));

        parameters.delete(NAME);

        server().verify(1, ssm.called("DeleteParameter"));
    }

    @Test
    void retriesThrottlingThenFailsWithTheErrorCode() {
        server().stubFor(ssm.operation("GetParameter").willReturn(ssm.error("ThrottlingException", "Rate exceeded")));

        assertThatThrownBy(() -> parameters.get(NAME))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.operation()).isEqualTo("GetParameter");
                    assertThat(e.errorCode()).isEqualTo("ThrottlingException");
                    assertThat(e.getMessage()).contains(NAME);
                });
        server().verify(MAX_ATTEMPTS, ssm.called("GetParameter"));
    }

    @Test
    void anAccessDeniedIsNotMistakenForAMissingParameter() {
        server().stubFor(ssm.operation("DeleteParameter").willReturn(ssm.error("AccessDeniedException",
                "User is not authorized to perform: ssm:DeleteParameter")));

        assertThatThrownBy(() -> parameters.delete(NAME))
                .isInstanceOfSatisfying(CloudOperationException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("AccessDeniedException"));
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\"", "\\\"") + "\"";
    }

    private static WireMockServer server() {
        return aws.server();
    }
}
