package dev.costguard.batch;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;

/**
 * Waits for the database at start: a task often starts while the database is still resuming (Aurora Serverless,
 * a failover), so a few attempts with doubling waits come before a clear failure.
 */
@ApplicationScoped
public class DatabaseReachability {

    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Termination termination;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    /** True once a connection answered; false after the last failed attempt or on SIGTERM. */
    public boolean await(int attempts, Duration firstBackoff, JobLog log) throws InterruptedException {
        Duration backoff = firstBackoff;
        String lastError = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                if (connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                    log.info("connect", "connected", "url", url, "attempt", attempt);
                    return true;
                }
                lastError = "the connection did not validate within " + VALIDATION_TIMEOUT_SECONDS + " s";
            } catch (SQLException e) {
                lastError = rootMessage(e);
            }
            boolean last = attempt == attempts;
            log.warn("connect", "attempt_failed", "url", url, "attempt", attempt, "of", attempts,
                    "error", lastError, "retry_in_ms", last ? null : backoff.toMillis());
            if (!last && termination.awaitRequest(backoff)) {
                return false;
            }
            backoff = backoff.multipliedBy(2);
        }
        log.error("connect", "unreachable", "url", url, "attempts", attempts,
                "error", "database unreachable at " + url + " after " + attempts + " attempts: " + lastError);
        return false;
    }

    static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == error ? String.valueOf(error.getMessage())
                : error.getMessage() + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }
}
