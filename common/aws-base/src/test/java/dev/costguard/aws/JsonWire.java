package dev.costguard.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

/**
 * AWS's JSON 1.1 protocol (SSM, ECS, Application Auto Scaling) as WireMock sees it: every call is POST / with
 * the operation in X-Amz-Target, e.g. {@code new JsonWire("AmazonSSM.", "message")}.
 */
public final class JsonWire {

    private static final String JSON_1_1 = "application/x-amz-json-1.1";

    private final String targetPrefix;
    private final String messageKey;

    /** @param messageKey how the service spells the error message field ("message" or "Message") */
    public JsonWire(String targetPrefix, String messageKey) {
        this.targetPrefix = targetPrefix;
        this.messageKey = messageKey;
    }

    public MappingBuilder operation(String name) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(targetPrefix + name));
    }

    public RequestPatternBuilder called(String name) {
        return postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(targetPrefix + name))
                .withHeader("Content-Type", equalTo(JSON_1_1));
    }

    public ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON_1_1).withBody(body);
    }

    /** A client error (HTTP 400), as JSON 1.1 services send most of theirs. */
    public ResponseDefinitionBuilder error(String type, String message) {
        return error(400, type, message);
    }

    public ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", JSON_1_1)
                .withBody("{\"__type\":\"" + type + "\",\"" + messageKey + "\":\"" + message + "\"}");
    }
}
