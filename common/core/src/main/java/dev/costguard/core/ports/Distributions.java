package dev.costguard.core.ports;

/** CloudFront distributions, by id. */
public interface Distributions {

    boolean isEnabled(String distributionId);

    /**
     * Sets the distribution's Enabled flag (read-modify-write with the ETag) and returns what it was before.
     * Setting it to what it already is makes no update call.
     */
    boolean setEnabled(String distributionId, boolean enabled);
}
