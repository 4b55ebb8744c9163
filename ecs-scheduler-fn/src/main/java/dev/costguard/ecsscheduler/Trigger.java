package dev.costguard.ecsscheduler;

/** Who asked for the run: the business-hours schedule or a person. */
public enum Trigger {
    SCHEDULE("schedule"),
    MANUAL("manual");

    private final String label;

    Trigger(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
