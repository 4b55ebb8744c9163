package dev.costguard.core.ports;

import java.util.Optional;

/**
 * Application Auto Scaling targets of ECS services (the service's desired count as a scalable dimension).
 * A service with a target has its desired count kept between min and max by the scaling policies, so a
 * scheduler that puts it to sleep has to move the bounds too.
 */
public interface ScalableTargets {

    /** A scalable target's bounds. */
    record Capacity(int min, int max) {

        public static final Capacity ASLEEP = new Capacity(0, 0);

        public Capacity {
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("capacity needs 0 <= min <= max, got " + min + ".." + max);
            }
        }

        /** True when the policies can only ever keep the service at 0 tasks. */
        public boolean asleep() {
            return max == 0;
        }

        @Override
        public String toString() {
            return min + ".." + max;
        }
    }

    /** The service's registered target, or empty when the service has none (it is not auto scaled). */
    Optional<Capacity> find(String cluster, String service);

    /** Changes the bounds of the service's target (RegisterScalableTarget on the existing target). */
    void setCapacity(String cluster, String service, Capacity capacity);
}
