package dev.costguard.shutdown;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.json.Json;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Provider;

/** Lambda entry point: checks the payload's shape, runs the kill switch, returns its report. */
@Named("shutdown")
public class ShutdownHandler implements RequestHandler<ShutdownInvocation, JsonNode> {

    @Inject
    SettingsGate settings;

    /** Built only past the settings gate: with a bad setting no flow, client or AWS call is ever made. */
    @Inject
    Provider<ShutdownFlow> flow;

    @Override
    public JsonNode handleRequest(ShutdownInvocation input, Context context) {
        settings.requireValid();
        // Returned as a JSON tree so the Lambda result reads exactly like the logged and published report.
        return Json.MAPPER.valueToTree(flow.get().run(InvocationReader.read(input)));
    }
}
