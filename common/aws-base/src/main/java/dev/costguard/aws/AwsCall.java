package dev.costguard.aws;

import dev.costguard.core.ports.CloudOperationException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Runs one SDK call and turns any SDK failure into a {@link CloudOperationException} that names the call. */
public final class AwsCall {

    private AwsCall() {
    }

    public static <T> T run(String operation, String target, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(operation, target, e);
        }
    }

    public static CloudOperationException translate(String operation, String target, SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return new CloudOperationException(operation, code, service.statusCode(),
                    operation + " " + target + " failed: " + (code == null ? "error" : code) + " (HTTP "
                            + service.statusCode() + ")" + (message == null || message.isBlank() ? "" : ": " + message),
                    e);
        }
        int status = e instanceof AwsServiceException service ? service.statusCode() : 0;
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CloudOperationException(operation, null, status, operation + " " + target + " failed: " + reason, e);
    }
}
