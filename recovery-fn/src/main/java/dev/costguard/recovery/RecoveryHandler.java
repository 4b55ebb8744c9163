package dev.costguard.recovery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.costguard.aws.SettingsGate;
import dev.costguard.core.json.Json;
import dev.costguard.core.report.RunReport;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import jakarta.inject.Provider;

/**
 * Lambda entry point for the schedule and manual runs: checks the raw payload, runs recovery within the time the
 * Context leaves, and returns its report.
 *
 * A failed or partial recovery returns normally, after its report is out. It is not an error for Lambda to
 * retry: a retry would repeat the same blind steps against a host whose health check just failed, an instance
 * stuck in a transition, or items nobody knows the prior state of; each of those needs a person, and the report
 * already names what they must do. The state meanwhile is the kill switch's (stopped, snapshot kept), so nothing
 * spends money while it waits. An error return is left for runs that end without a report (init error, timeout).
 */
@Named("recovery")
public class RecoveryHandler implements RequestStreamHandler {

    @Inject
    SettingsGate settings;

    /** Built only past the settings gate: with a bad setting no flow, client or AWS call is ever made. */
    @Inject
    Provider<RecoveryFlow> flow;

    @Inject
    Clock clock;

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        settings.requireValid();
        RecoveryRequest request = RecoveryRequest.read(input.readAllBytes());
        RunReport report = flow.get().run(request, RemainingTime.deadline(clock, context));
        output.write(Json.MAPPER.writeValueAsBytes(report));
    }
}
