package dev.costguard.core.ports;

import java.util.Optional;

/** SSM Parameter Store strings. */
public interface Parameters {

    Optional<String> get(String name);

    /** Writes the value only if no parameter of that name exists; returns false (and writes nothing) if one does. */
    boolean putIfAbsent(String name, String value);

    void put(String name, String value);

    /** Deletes the parameter; deleting one that does not exist is not an error. */
    void delete(String name);
}
