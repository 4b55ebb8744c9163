package dev.costguard.core.ports;

import java.util.Locale;

/** The EC2 instance lifecycle states AWS reports. */
public enum InstanceState {
    PENDING, RUNNING, STOPPING, STOPPED, SHUTTING_DOWN, TERMINATED;

    /** AWS's own name for the state ("running", "shutting-down"). */
    public String awsName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static InstanceState fromAwsName(String name) {
        for (InstanceState state : values()) {
            if (state.awsName().equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown EC2 instance state '" + name + "'");
    }
}
