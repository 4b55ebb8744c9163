package dev.costguard.core.settings;

/**
 * One part of a function's settings (its own, the AWS clients'), read into a reader shared with the other parts,
 * so that a start-up check reports every bad variable of the function in one message.
 */
@FunctionalInterface
public interface SettingsSection {

    /** Reads and checks this part's values, recording each problem on the reader instead of throwing. */
    void read(SettingsReader reader);
}
