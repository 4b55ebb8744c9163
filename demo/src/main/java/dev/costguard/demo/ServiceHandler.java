package dev.costguard.demo;

import java.util.List;

/** One AWS service (or demo endpoint) of the fake account, speaking that service's wire protocol. */
interface ServiceHandler {

    /** The short name the call log starts with: lambda, ec2, ssm, ... */
    String name();

    /** The operations a scripted fault may name for this service, e.g. PutFunctionConcurrency. */
    List<String> operations();

    /**
     * The operation a request calls, worked out without touching the account, so a scripted fault can take the call
     * before the handler runs; "?" when the request names no operation this service knows.
     */
    String operation(AwsRequest request);

    /** Handles one call; runs under the account lock, so it may read and change the state freely. */
    AwsResponse handle(AwsRequest request, CallLog log);

    /** Renders an error the way this service's SDK client expects to parse it. */
    AwsResponse error(AwsError error);

    /** Whether calls leave a line on stdout; the demo's own state polls would only add noise. */
    default boolean logged() {
        return true;
    }
}
