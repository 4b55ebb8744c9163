package dev.costguard.recovery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.json.Json;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Provider;

/** Lambda entry point for the schedule and manual runs: checks the payload, runs recovery, returns its report. */
@Named("recovery")
public class RecoveryHandler implements RequestHandler<RecoveryInvocation, JsonNode> {

    @Inject
    SettingsGate settings;

    /** Built only past the settings gate: with a bad setting no flow, client or AWS call is ever made. */
    @Inject
    Provider<RecoveryFlow> flow;

    @Override
    public JsonNode handleRequest(RecoveryInvocation input, Context context) {
        settings.requireValid();
        return Json.MAPPER.valueToTree(flow.get().run(RecoveryRequest.read(input)));
    }
}
