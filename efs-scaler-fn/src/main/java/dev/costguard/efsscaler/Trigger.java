package dev.costguard.efsscaler;

/** Who asked for the run: the 5-minute schedule or a person. */
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
