package dev.costguard.recovery;

/** A checked request to run recovery: what started it and whether to change anything. */
public record RecoveryRequest(String trigger, boolean dryRun) {

    static final String EXPECTED = "expected {} or {\"trigger\": \"schedule\"|\"manual\", \"source\": \"...\", \"dryRun\": true|false}";

    public static RecoveryRequest read(RecoveryInvocation input) {
        if (input == null) {
            return new RecoveryRequest("manual", false);
        }
        if (!input.unknownFields().isEmpty()) {
            throw new IllegalArgumentException("unknown field(s) " + input.unknownFields().keySet()
                    + " in the invocation; " + EXPECTED);
        }
        String trigger = input.getTrigger() == null ? "manual" : input.getTrigger();
        if (!trigger.equals("schedule") && !trigger.equals("manual")) {
            throw new IllegalArgumentException("unknown trigger '" + trigger + "'; " + EXPECTED);
        }
        return new RecoveryRequest(trigger, Boolean.TRUE.equals(input.getDryRun()));
    }
}
