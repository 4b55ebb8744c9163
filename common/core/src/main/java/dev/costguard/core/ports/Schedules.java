package dev.costguard.core.ports;

import java.time.Instant;
import java.util.Optional;

/** EventBridge Scheduler schedules. */
public interface Schedules {

    /** The schedule, or empty when the group has none of that name. */
    Optional<Schedule> find(String group, String name);

    /** Creates a one-off {@code at()} schedule that invokes the target once with the input, then deletes itself. */
    void createOneOff(String group, String name, Instant at, String targetArn, String roleArn, String input);

    /** Deletes the schedule; one that is already gone is not an error. */
    void delete(String group, String name);

    /** What a schedule invokes, with which role, and whether it is ENABLED. */
    record Schedule(String group, String name, String targetArn, String roleArn, String state) {
    }
}
