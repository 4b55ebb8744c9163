package dev.costguard.core.ports;

/** Who the caller's credentials are (STS GetCallerIdentity): works with any credentials, needs no permission. */
public interface AccountIdentity {

    Caller caller();

    /** The account, the principal's ARN and its user id, as STS names them. */
    record Caller(String accountId, String arn, String userId) {
    }
}
