package dev.costguard.ecsscheduler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.json.Json;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Lambda entry point: checks the raw payload (so a body that is not JSON, or has a wrong type, is refused with a
 * message naming the field), runs start or stop, and returns the report exactly as it is logged and published.
 */
@Named("ecs-scheduler")
public class EcsSchedulerHandler implements RequestStreamHandler {

    @Inject
    SettingsGate settings;

    /** Built only past the settings gate: with a bad setting no flow, client or AWS call is ever made. */
    @Inject
    Provider<EcsSchedulerFlow> flow;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        settings.requireValid();
        EcsSchedulerRequest request = InvocationReader.read(input.readAllBytes());
        output.write(Json.MAPPER.writeValueAsBytes(flow.get().run(request)));
    }
}
