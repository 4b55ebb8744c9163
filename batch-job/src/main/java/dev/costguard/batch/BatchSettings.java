package dev.costguard.batch;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;

/**
 * The job's own settings (environment variables BATCH_TIME_ZONE, BATCH_CONNECT_ATTEMPTS, BATCH_CONNECT_BACKOFF,
 * BATCH_STOP_GRACE, BATCH_DRY_RUN); the connection itself is DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD.
 */
@ConfigMapping(prefix = "batch")
public interface BatchSettings {

    /** The zone whose calendar days are aggregated, and in which "yesterday" is meant. */
    ZoneId timeZone();

    /** How many times to try the database before giving up (at least 1). */
    int connectAttempts();

    /** The wait after the first failed attempt; it doubles after each further one. */
    Duration connectBackoff();

    /** After SIGTERM, how long the job may take to roll back before it halts anyway. */
    Duration stopGrace();

    /** Aggregate in a transaction that is rolled back and report what would have been written (as --dry-run). */
    boolean dryRun();
}
