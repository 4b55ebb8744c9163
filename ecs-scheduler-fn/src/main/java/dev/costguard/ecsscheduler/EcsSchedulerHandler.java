package dev.costguard.ecsscheduler;

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
 * Lambda entry point: checks the raw payload (so a body that is not JSON, or has a wrong type, is refused with a
 * message naming the field), runs start or stop within the invocation's remaining time, and returns the report
 * exactly as it is logged and published.
 */
@Named("ecs-scheduler")
public class EcsSchedulerHandler implements RequestStreamHandler {

    /** Kept after the steps for logging and publishing the report (the publish call is capped to it). */
    static final Duration REPORT_RESERVE = Duration.ofSeconds(10);
    /** The function's timeout in the Terraform module, assumed when the Context does not know the real one. */
    static final Duration ASSUMED_TIMEOUT = Duration.ofSeconds(60);
    /** Lambda's longest timeout: a Context claiming more than this is not answering from a real deadline. */
    private static final long LONGEST_TIMEOUT_MS = Duration.ofMinutes(15).toMillis();

    @Inject
    SettingsGate settings;

    /** Built only past the settings gate: with a bad setting no flow, client or AWS call is ever made. */
    @Inject
    Provider<EcsSchedulerFlow> flow;

    @Inject
    Clock clock;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        settings.requireValid();
        EcsSchedulerRequest request = EcsSchedulerInput.read(input.readAllBytes());
        Deadline deadline = Deadline.fromRemaining(clock, remaining(context), REPORT_RESERVE);
        output.write(Json.MAPPER.writeValueAsBytes(flow.get().run(request, deadline)));
    }

    /**
     * The invocation's remaining time. Quarkus's mock event server sends no deadline header, so its Context
     * answers "deadline 0 minus now": a number outside anything Lambda allows, replaced by the assumed timeout.
     */
    static Duration remaining(Context context) {
        long millis = context == null ? -1 : context.getRemainingTimeInMillis();
        return millis > 0 && millis <= LONGEST_TIMEOUT_MS ? Duration.ofMillis(millis) : ASSUMED_TIMEOUT;
    }
}
