package dev.costguard.core.ports;

/**
 * A cloud call that did not do what was asked: the adapters turn every SDK failure into this,
 * with the operation, the target and AWS's own error code in the message, so a flow never sees an SDK type.
 */
public class CloudOperationException extends RuntimeException {

    private final String operation;
    private final String errorCode;
    private final int httpStatus;

    public CloudOperationException(String operation, String errorCode, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
    }

    public CloudOperationException(String operation, String message) {
        this(operation, null, 0, message, null);
    }

    public String operation() {
        return operation;
    }

    /** AWS's error code (ThrottlingException, InvalidInstanceID.NotFound, ...) or null when there was no response. */
    public String errorCode() {
        return errorCode;
    }

    /** The HTTP status of the last response, or 0 when the call never got one. */
    public int httpStatus() {
        return httpStatus;
    }
}
