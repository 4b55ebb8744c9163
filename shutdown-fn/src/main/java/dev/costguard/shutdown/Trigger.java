package dev.costguard.shutdown;

/** What fired the kill switch. */
public enum Trigger {
    BUDGET_ALERT("budget-alert"),
    USAGE_TRIPWIRE("usage-tripwire"),
    MANUAL("manual");

    private final String label;

    Trigger(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
