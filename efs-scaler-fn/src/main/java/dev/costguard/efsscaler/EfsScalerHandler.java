package dev.costguard.efsscaler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.json.Json;
import dev.costguard.core.time.Deadline;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;

/**
 * Lambda entry point: checks the payload, gives the run a deadline (the time Lambda has left minus a reserve for
 * the report), runs the scaler and returns the report exactly as it is logged and published.
 */
@Named("efs-scaler")
public class EfsScalerHandler implements RequestStreamHandler {

    /** Time kept back for logging and publishing the report after the last wait. */
    static final Duration REPORT_RESERVE = Duration.ofSeconds(10);

    @Inject
    SettingsGate settings;

    /** Built only past the settings gate: with a bad setting no flow, client or AWS call is ever made. */
    @Inject
    Provider<EfsScalerFlow> flow;

    @Inject
    Clock clock;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        settings.requireValid();
        EfsScalerRequest request = InvocationReader.read(input.readAllBytes());
        Deadline deadline = deadline(context.getRemainingTimeInMillis());
        output.write(Json.MAPPER.writeValueAsBytes(flow.get().run(request, deadline)));
    }

    /** Lambda's remaining time less the report reserve; see {@link Deadline#forInvocation} for a Context without one. */
    Deadline deadline(long remainingMillis) {
        return Deadline.forInvocation(clock, remainingMillis, REPORT_RESERVE);
    }
}
