package dev.costguard.ecsscheduler;

/** A checked request: start or stop, who asked, and whether to change anything. */
public record EcsSchedulerRequest(Action action, Trigger trigger, boolean dryRun) {
}
