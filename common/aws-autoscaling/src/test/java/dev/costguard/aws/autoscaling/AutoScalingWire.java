package dev.costguard.aws.autoscaling;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

/** Application Auto Scaling's JSON 1.1 protocol as WireMock sees it: POST / with the operation in X-Amz-Target. */
final class AutoScalingWire {

    private static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final String PREFIX = "AnyScaleFrontendService.";

    private AutoScalingWire() {
    }

    static MappingBuilder operation(String name) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PREFIX + name));
    }

    static RequestPatternBuilder called(String name) {
        return postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(PREFIX + name))
                .withHeader("Content-Type", equalTo(JSON_1_1));
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON_1_1).withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", JSON_1_1)
                .withBody("{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}");
    }
}
