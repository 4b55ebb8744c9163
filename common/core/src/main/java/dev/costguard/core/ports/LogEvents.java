package dev.costguard.core.ports;

import java.time.Instant;
import java.util.List;

/** CloudWatch Logs events of a log group (FilterLogEvents). */
public interface LogEvents {

    /** The messages of the group's events at or after {@code from} that match the filter pattern, oldest first. */
    List<String> matching(String logGroup, Instant from, String filterPattern);
}
