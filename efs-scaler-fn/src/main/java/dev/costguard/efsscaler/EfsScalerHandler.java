package dev.costguard.efsscaler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.costguard.core.json.Json;
import dev.costguard.core.time.Deadline;
import jakarta.inject.Inject;
import jakarta.inject.Named;
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
    EfsScalerFlow flow;

    @Inject
    Clock clock;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        EfsScalerRequest request = InvocationReader.read(input.readAllBytes());
        Deadline deadline = Deadline.fromRemaining(clock, Duration.ofMillis(context.getRemainingTimeInMillis()),
                REPORT_RESERVE);
        output.write(Json.MAPPER.writeValueAsBytes(flow.run(request, deadline)));
    }
}
