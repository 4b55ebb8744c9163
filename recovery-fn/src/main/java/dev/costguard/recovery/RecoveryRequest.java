package dev.costguard.recovery;

import dev.costguard.core.input.InputObject;
import dev.costguard.core.input.InputReader;
import dev.costguard.core.input.InvalidInputException;
import java.util.Map;
import java.util.Set;

/**
 * A checked request to run recovery: what started it, whether to change anything, and whether a person forced the
 * seed's blind recovery because there is no snapshot ({@code reason} says why, for the report).
 */
public record RecoveryRequest(String trigger, boolean dryRun, boolean force, String reason) {

    static final String EXPECTED = "expected the schedule's {\"source\": \"cost-guard.schedule\", \"trigger\": \"schedule\"},"
            + " or a manual {} / {\"dryRun\": true} / {\"force\": true, \"reason\": \"why the blind recovery is safe\"}";

    private static final Set<String> FIELDS = Set.of("source", "trigger", "dryRun", "force", "reason");
    private static final Map<String, String> TRIGGERS = Map.of("schedule", "schedule", "manual", "manual");

    /** A run that follows the snapshot (the schedule's, or a manual one). */
    public RecoveryRequest(String trigger, boolean dryRun) {
        this(trigger, dryRun, false, null);
    }

    /** A manual run without a snapshot: start, health check, remove the zero concurrency, enable. */
    public static RecoveryRequest forced(String reason) {
        return new RecoveryRequest("manual", false, true, reason);
    }

    /** Reads the raw payload through the one strict reader; nothing is called before it passes. */
    public static RecoveryRequest read(byte[] payload) {
        InputObject input = InputReader.object(payload, EXPECTED, FIELDS);
        input.text("source");
        String trigger = input.choice("trigger", TRIGGERS).orElse("manual");
        boolean dryRun = input.bool("dryRun").orElse(false);
        boolean force = input.bool("force").orElse(false);
        if (!force) {
            if (input.has("reason")) {
                throw new InvalidInputException("\"reason\" is only read with \"force\": true; " + EXPECTED);
            }
            return new RecoveryRequest(trigger, dryRun, false, null);
        }
        // The schedule must never run the blind recovery: it is what un-parks a function kept at 0 on purpose.
        if (trigger.equals("schedule")) {
            throw new InvalidInputException("\"force\" is for a manual run, not the schedule; " + EXPECTED);
        }
        String reason = input.requiredText("reason", "why the blind recovery is safe, quoted in the report");
        return new RecoveryRequest(trigger, dryRun, true, reason);
    }
}
