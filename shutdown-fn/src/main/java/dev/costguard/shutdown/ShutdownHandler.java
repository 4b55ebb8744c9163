package dev.costguard.shutdown;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.json.Json;
import dev.costguard.core.report.IncompleteRunException;
import dev.costguard.core.report.RunReport;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import jakarta.inject.Provider;

/**
 * Lambda entry point: reads the raw payload strictly, runs the kill switch against the invocation's deadline, and
 * returns the report as it was logged and published; a run with a failed phase then ends in an error, so Lambda's
 * asynchronous retries finish the shutdown.
 */
@Named("shutdown")
public class ShutdownHandler implements RequestStreamHandler {

    @Inject
    SettingsGate settings;

    /** Built only past the settings gate: with a bad setting no flow, client or AWS call is ever made. */
    @Inject
    Provider<ShutdownFlow> flow;

    @Inject
    Clock clock;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        settings.requireValid();
        ShutdownRequest request = InvocationReader.read(input.readAllBytes());
        RunReport report = flow.get().run(request, InvocationDeadline.of(context, clock));
        if (ShutdownFlow.needsRetry(report)) {
            throw new IncompleteRunException(report);
        }
        output.write(Json.MAPPER.writeValueAsBytes(report));
    }
}
