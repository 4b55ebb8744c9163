package dev.costguard.aws;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The credentials of {@link AwsClients#lambdaCredentials()} as a named bean, for the clients the Quarkus extensions
 * build ({@code quarkus.<service>.aws.credentials.type=custom}, set by {@link ServedClientSettings}): the same
 * resolution, never pinned to the first source, so a restored SnapStart snapshot fetches fresh credentials.
 */
@Singleton
public class LambdaCredentials {

    /** A named bean is never removed as unused: the extension looks it up by this name at run time. */
    public static final String NAME = "costguard-lambda-credentials";

    @Produces
    @Singleton
    @Named(NAME)
    AwsCredentialsProvider credentials() {
        return AwsClients.lambdaCredentials();
    }
}
