package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: status, content type, extra headers and body. */
record AwsResponse(int status, String contentType, Map<String, String> headers, String body) {

    static final String AMZ_JSON = "application/x-amz-json-1.1";

    static AwsResponse json(int status, JsonNode body) {
        return new AwsResponse(status, "application/json", Map.of(), Json.write(body));
    }

    /** JSON 1.1 protocol services (SSM, ECS, Application Auto Scaling) answer with their own content type. */
    static AwsResponse amzJson(JsonNode body) {
        return new AwsResponse(200, AMZ_JSON, Map.of(), Json.write(body));
    }

    static AwsResponse amzJsonError(AwsError error) {
        return new AwsResponse(error.status(), AMZ_JSON, Map.of("x-amzn-ErrorType", error.code()),
                Json.write(Json.object().put("__type", error.code()).put("message", error.getMessage())));
    }

    static AwsResponse xml(int status, String body) {
        return new AwsResponse(status, "text/xml", Map.of(), body);
    }

    static AwsResponse noContent() {
        return new AwsResponse(204, null, Map.of(), "");
    }

    static AwsResponse text(int status, String contentType, String body) {
        return new AwsResponse(status, contentType, Map.of(), body);
    }

    AwsResponse withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new AwsResponse(status, contentType, all, body);
    }
}
