package dev.costguard.core.ports;

import java.util.OptionalInt;

/** A Lambda function's reserved concurrency: 0 stops every new invocation, none means the account's shared pool. */
public interface FunctionThrottle {

    /** The function's reserved concurrency, or empty when it has none. */
    OptionalInt reservedConcurrency(String functionName);

    void reserveConcurrency(String functionName, int reserved);

    /** Returns the function to the account's unreserved pool. */
    void removeReservedConcurrency(String functionName);
}
