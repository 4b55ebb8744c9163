package dev.costguard.demo;

/** An AWS error outcome; each service handler renders it in its own wire format. */
final class AwsError extends RuntimeException {

    private final int status;
    private final String code;

    AwsError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static AwsError client(String code, String message) {
        return new AwsError(400, code, message);
    }

    static AwsError notFound(String code, String message) {
        return new AwsError(404, code, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
