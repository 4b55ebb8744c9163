package dev.costguard.recovery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.core.json.Json;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Lambda entry point for the schedule and manual runs: checks the payload, runs recovery, returns its report. */
@Named("recovery")
public class RecoveryHandler implements RequestHandler<RecoveryInvocation, JsonNode> {

    @Inject
    RecoveryFlow flow;

    @Override
    public JsonNode handleRequest(RecoveryInvocation input, Context context) {
        return Json.MAPPER.valueToTree(flow.run(RecoveryRequest.read(input)));
    }
}
