package dev.costguard.ecsscheduler;

import dev.costguard.core.input.InputObject;
import dev.costguard.core.input.InputReader;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler's payload, read by core's strict {@link InputReader}: non-JSON, a wrong type, an unknown field or
 * an unknown word is refused before any AWS call, naming the problem and quoting the expected shape.
 */
public final class EcsSchedulerInput {

    static final String EXPECTED = "expected {\"action\": \"start\"|\"stop\"} with optional "
            + "\"trigger\": \"schedule\"|\"manual\" (default manual) and \"dryRun\": true|false";

    private static final Set<String> FIELDS = Set.of("action", "trigger", "dryRun");
    private static final Map<String, Action> ACTIONS = Map.of(Action.START.label(), Action.START,
            Action.STOP.label(), Action.STOP);
    private static final Map<String, Trigger> TRIGGERS = Map.of(Trigger.SCHEDULE.label(), Trigger.SCHEDULE,
            Trigger.MANUAL.label(), Trigger.MANUAL);

    private EcsSchedulerInput() {
    }

    /** Throws {@link dev.costguard.core.input.InvalidInputException} for anything but the expected shape. */
    public static EcsSchedulerRequest read(byte[] payload) {
        InputObject invocation = InputReader.object(payload, EXPECTED, FIELDS);
        invocation.requiredText("action", "start or stop");
        Action action = invocation.choice("action", ACTIONS).orElseThrow();
        Trigger trigger = invocation.choice("trigger", TRIGGERS).orElse(Trigger.MANUAL);
        boolean dryRun = invocation.bool("dryRun").orElse(false);
        return new EcsSchedulerRequest(action, trigger, dryRun);
    }
}
