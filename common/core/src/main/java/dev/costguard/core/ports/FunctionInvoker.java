package dev.costguard.core.ports;

import java.util.Optional;

/** Runs a function once and waits for its answer (Lambda Invoke, RequestResponse). */
public interface FunctionInvoker {

    /** Invokes the function's {@code qualifier} (an alias or version) with the JSON payload. */
    Invocation invoke(String functionName, String qualifier, String payload);

    /**
     * What Lambda answered: the HTTP status of the invoke, the function error ("Unhandled" when the handler threw)
     * and the payload the function returned (its error document when it failed).
     */
    record Invocation(int statusCode, Optional<String> functionError, String payload) {
    }
}
