package dev.costguard.efsscaler;

/** A checked request: who asked, and whether to change anything. */
public record EfsScalerRequest(Trigger trigger, boolean dryRun) {
}
