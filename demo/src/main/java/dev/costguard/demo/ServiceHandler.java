package dev.costguard.demo;

/** One AWS service (or demo endpoint) of the fake account, speaking that service's wire protocol. */
interface ServiceHandler {

    /** The short name the call log starts with: lambda, ec2, ssm, ... */
    String name();

    /** Handles one call; runs under the account lock, so it may read and change the state freely. */
    AwsResponse handle(AwsRequest request, CallLog log);

    /** Renders an error the way this service's SDK client expects to parse it. */
    AwsResponse error(AwsError error);

    /** Whether calls leave a line on stdout; the demo's own state polls would only add noise. */
    default boolean logged() {
        return true;
    }
}
