package dev.costguard.core.ports;

import java.net.URI;
import java.time.Duration;

/** One HTTP health check. */
public interface HealthProbe {

    /** The outcome of one attempt: healthy or not, and what was seen (status code, error). */
    record Result(boolean healthy, String detail) {
    }

    Result check(URI url);

    /** One attempt that gives up after {@code timeout} (a run's deadline may leave less than the usual wait). */
    default Result check(URI url, Duration timeout) {
        return check(url);
    }
}
