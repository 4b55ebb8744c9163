package dev.costguard.ecsscheduler;

/** What a run does to the services. */
public enum Action {
    /** Wake the services at their remembered size. */
    START("start"),
    /** Remember each service's size and scale it to 0. */
    STOP("stop");

    private final String label;

    Action(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
