package dev.costguard.ecsscheduler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.costguard.core.json.Json;
import jakarta.inject.Inject;
import jakarta.inject.Named;
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
    EcsSchedulerFlow flow;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        EcsSchedulerRequest request = InvocationReader.read(input.readAllBytes());
        output.write(Json.MAPPER.writeValueAsBytes(flow.run(request)));
    }
}
