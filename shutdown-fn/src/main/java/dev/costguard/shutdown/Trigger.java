package dev.costguard.shutdown;

/** What fired the kill switch. */
public enum Trigger {
    BUDGET_ALERT("budget-alert"),
    USAGE_TRIPWIRE("usage-tripwire"),
    MANUAL("manual");

    /** The trigger of a report for a notification from a topic that is not a configured trigger. */
    public static final String REFUSED = "refused";

    private final String label;

    Trigger(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
