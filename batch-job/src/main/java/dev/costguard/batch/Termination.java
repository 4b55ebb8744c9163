package dev.costguard.batch;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import sun.misc.Signal;

/**
 * SIGTERM handling. The JVM's default reaction runs the shutdown hooks while the main thread is still inside the
 * transaction (Quarkus would close the pool under it); instead the job cancels the running statement, lets the
 * transaction roll back on the main thread, and exits with {@link ExitCode#TERMINATED}. A watchdog halts the
 * process if that takes longer than the grace period, so ECS never has to SIGKILL it.
 */
@ApplicationScoped
public class Termination {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final AtomicReference<Statement> running = new AtomicReference<>();

    /** Thrown on the main thread when a stop was asked for between or during statements. */
    public static final class Requested extends RuntimeException {
        Requested() {
            super("stopped by SIGTERM");
        }
    }

    /** A JDBC call that may be cancelled by SIGTERM while it runs. */
    @FunctionalInterface
    public interface StatementCall<T> {
        T run(Statement statement) throws SQLException;
    }

    public void install(JobLog log, Duration grace) {
        Signal.handle(new Signal("TERM"), signal -> onSignal(log, grace));
    }

    void onSignal(JobLog log, Duration grace) {
        if (isRequested()) {
            return;
        }
        requested.countDown();
        Statement statement = running.get();
        log.warn("terminate", "sigterm_received", "running_statement", statement != null,
                "grace_seconds", grace.toSeconds());
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                log.warn("terminate", "cancel_failed", "error", e.getMessage());
            }
        }
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(grace.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            log.error("terminate", "halted", "reason", "did not stop within " + grace + " of SIGTERM");
            Runtime.getRuntime().halt(ExitCode.TERMINATED.code);
        }, "sigterm-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    public boolean isRequested() {
        return requested.getCount() == 0;
    }

    public void throwIfRequested() {
        if (isRequested()) {
            throw new Requested();
        }
    }

    /** Waits up to {@code duration}; returns early, with true, when a stop was asked for. */
    public boolean awaitRequest(Duration duration) throws InterruptedException {
        return requested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs one statement so that SIGTERM can cancel it. The statement is registered before the flag is checked, so
     * a signal either sees it (and cancels it) or is seen here.
     */
    public <T> T cancellable(Statement statement, StatementCall<T> call) throws SQLException {
        running.set(statement);
        try {
            throwIfRequested();
            return call.run(statement);
        } catch (SQLException e) {
            if (isRequested()) {
                throw new Requested();
            }
            throw e;
        } finally {
            running.set(null);
        }
    }
}
