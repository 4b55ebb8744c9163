package dev.costguard.batch;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The nightly batch: resolve the day, wait for the database, check the API's table it reads, migrate its own
 * schema, aggregate in one transaction. Each stage logs one JSON line; the exit code tells ECS (and so Step
 * Functions) how it went.
 */
@QuarkusMain
public class BatchMain implements QuarkusApplication {

    @Inject
    BatchSettings settings;

    @Inject
    Termination termination;

    @Inject
    DatabaseReachability database;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Flyway flyway;

    @Inject
    DailySalesAggregation aggregation;

    private final JobLog log = new JobLog(System.out, Clock.systemUTC());

    @Override
    public int run(String... args) throws Exception {
        termination.install(log, settings.stopGrace());
        ExitCode exit = runStages(args);
        log.info("finish", "exit", "exit_code", exit.code, "outcome", exit.name(), "peak_heap_mb", peakHeapMegabytes());
        return exit.code;
    }

    /** The sum of the heap pools' peaks: an upper bound of the peak heap, to size the task's memory. */
    private static long peakHeapMegabytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum() / (1024 * 1024);
    }

    private ExitCode runStages(String... args) throws InterruptedException {
        if (settings.connectAttempts() < 1 || settings.connectBackoff().isNegative()) {
            log.error("arguments", "rejected", "error", "BATCH_CONNECT_ATTEMPTS must be at least 1 and"
                    + " BATCH_CONNECT_BACKOFF not negative; got " + settings.connectAttempts() + " and "
                    + settings.connectBackoff());
            return ExitCode.USAGE;
        }
        RunDay runDay;
        try {
            runDay = RunDay.resolve(Arrays.asList(args), settings.timeZone(), Clock.systemUTC());
        } catch (BadArgumentException e) {
            log.error("arguments", "rejected", "arguments", Arrays.toString(args), "error", e.getMessage());
            return ExitCode.USAGE;
        }
        boolean dryRun = runDay.dryRun() || settings.dryRun();
        log.info("arguments", "resolved", "day", runDay.day(), "basis", runDay.basis().name().toLowerCase(Locale.ROOT),
                "time_zone", settings.timeZone(), "dry_run", dryRun);

        if (!database.await(settings.connectAttempts(), settings.connectBackoff(), log)) {
            return termination.isRequested() ? ExitCode.TERMINATED : ExitCode.DATABASE_UNREACHABLE;
        }
        if (termination.isRequested()) {
            return ExitCode.TERMINATED;
        }

        // Before the job's own migration: a night on an unfit API schema creates nothing.
        try (Connection connection = dataSource.getConnection()) {
            Optional<String> problem = SourceTable.problem(connection);
            if (problem.isPresent()) {
                log.error("source", "rejected", "error", problem.get());
                return ExitCode.USAGE;
            }
            log.info("source", "checked", "table", "sales_order");
        } catch (SQLException e) {
            log.error("source", "failed", "error", DatabaseReachability.rootMessage(e));
            return ExitCode.FAILED;
        }

        try {
            MigrateResult migration = flyway.migrate();
            // With nothing to apply, the version is the one migrate found (no second scan through flyway.info()).
            log.info("migrate", "migrated", "applied", migration.migrationsExecuted,
                    "schema_version", migration.targetSchemaVersion != null ? migration.targetSchemaVersion
                            : migration.initialSchemaVersion);
        } catch (RuntimeException e) {
            log.error("migrate", "failed", "error", DatabaseReachability.rootMessage(e));
            return ExitCode.FAILED;
        }

        long started = System.nanoTime();
        log.info("aggregate", "started", "day", runDay.day(), "time_zone", settings.timeZone(), "dry_run", dryRun);
        try {
            DailySalesAggregation.Result result = aggregation.aggregate(runDay.day(), settings.timeZone(), dryRun);
            // A dry run reports what it would have written; its transaction was rolled back.
            log.info("aggregate", dryRun ? "dry_run_rolled_back" : "committed", "day", runDay.day(),
                    "rows_deleted", result.rowsDeleted(),
                    "rows_written", result.rowsWritten(), "products", result.totals().products(),
                    "orders", result.totals().orders(), "quantity", result.totals().quantity(),
                    "revenue", result.totals().revenue().toPlainString(),
                    "duration_ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
            return ExitCode.SUCCEEDED;
        } catch (RuntimeException e) {
            if (termination.isRequested()) {
                log.error("aggregate", "rolled_back", "day", runDay.day(), "reason", "SIGTERM");
                return ExitCode.TERMINATED;
            }
            log.error("aggregate", "rolled_back", "day", runDay.day(), "error", DatabaseReachability.rootMessage(e));
            return ExitCode.FAILED;
        }
    }
}
