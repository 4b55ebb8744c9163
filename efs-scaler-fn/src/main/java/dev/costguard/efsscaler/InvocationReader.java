package dev.costguard.efsscaler;

import dev.costguard.core.input.InputObject;
import dev.costguard.core.input.InputReader;
import java.util.Map;
import java.util.Set;

/**
 * Checks the raw invocation before anything is counted or called, through the project's one strict reader. The
 * EventBridge rule sends the constant input {@code {"trigger": "schedule"}} (set explicitly in Terraform, so the
 * scheduled-event envelope never arrives); a person may send {@code {"dryRun": true}}.
 */
public final class InvocationReader {

    static final String EXPECTED = "expected {\"trigger\": \"schedule\"|\"manual\" (default manual), "
            + "\"dryRun\": true|false (default false)}";

    private static final Map<String, Trigger> TRIGGERS = Map.of("schedule", Trigger.SCHEDULE, "manual", Trigger.MANUAL);

    private InvocationReader() {
    }

    public static EfsScalerRequest read(byte[] payload) {
        InputObject input = InputReader.object(payload, EXPECTED, Set.of("trigger", "dryRun"));
        return new EfsScalerRequest(input.choice("trigger", TRIGGERS).orElse(Trigger.MANUAL),
                input.bool("dryRun").orElse(false));
    }
}
