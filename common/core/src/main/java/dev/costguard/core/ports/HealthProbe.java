package dev.costguard.core.ports;

import java.net.URI;

/** One HTTP health check. */
public interface HealthProbe {

    /** The outcome of one attempt: healthy or not, and what was seen (status code, error). */
    record Result(boolean healthy, String detail) {
    }

    Result check(URI url);
}
