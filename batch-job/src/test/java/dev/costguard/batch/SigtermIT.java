package dev.costguard.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ECS stops a task with SIGTERM (StopTask, Spot reclaim): the day's transaction must roll back, promptly. */
class SigtermIT {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final int ORDERS = 300_000;
    private static final int PRODUCTS = 5_000;
    private static final int STALE_PRODUCTS = 100;

    private static TestDatabase server;

    @BeforeAll
    static void startServer() {
        server = TestDatabase.start("sigterm-it");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void sigtermAfterPartOfTheWorkChangedRowsLeavesTheTableExactlyAsBefore() throws Exception {
        String database = server.createDatabase("sigterm");
        server.createApiSchema(database);
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.executeUpdate("insert into sales_order (product_id, quantity, unit_price, ordered_at)"
                    + " select 1 + i % " + PRODUCTS + ", 1 + i % 7, (i % 10000) / 100.0,"
                    + " timestamptz '" + DAY.atStartOfDay(TOKYO).toOffsetDateTime() + "' + (i % 86400) * interval '1 second'"
                    + " from generate_series(1, " + ORDERS + ") as i");
        }
        assertThat(JobProcess.run(JobProcess.environment(server, database), DAY.toString()).exitCode()).isZero();
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            // Every row of the day is now wrong and there are stale rows: a run must delete and rewrite them all.
            statement.executeUpdate("update cost_guard_batch.daily_product_sales set order_count = order_count + 1"
                    + " where sales_day = date '" + DAY + "'");
            statement.executeUpdate("insert into cost_guard_batch.daily_product_sales"
                    + " select date '" + DAY + "', 100000 + i, 1, 1, 1.00 from generate_series(1, " + STALE_PRODUCTS
                    + ") as i");
        }
        List<String> before = table(database);

        try (Connection blocker = server.connect(database)) {
            // One row of the day locked by another transaction: the job's statement deletes the stale rows, updates
            // rows until it reaches this one and waits there, inside its transaction, with rows already changed.
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("select 1 from cost_guard_batch.daily_product_sales where sales_day = date '" + DAY
                        + "' and product_id = " + PRODUCTS / 2 + " for update");
            }

            JobProcess job = JobProcess.start(JobProcess.environment(server, database), DAY.toString());
            awaitJobWaitingOnTheRowAfterWriting(database);

            job.sigterm();

            // It exits while the row is still locked: the running statement was cancelled, not waited for.
            int exit = job.awaitExit();
            assertThat(exit).as(job.describe()).isEqualTo(ExitCode.TERMINATED.code);
            assertThat(job.line("terminate", "sigterm_received")).containsEntry("running_statement", true);
            assertThat(job.line("aggregate", "rolled_back")).containsEntry("reason", "SIGTERM")
                    .containsEntry("day", DAY.toString());
            assertThat(job.line("finish", "exit")).containsEntry("exit_code", ExitCode.TERMINATED.code);
            assertThat(job.lines("aggregate", "committed")).isEmpty();
            blocker.rollback();
        }

        // Same rows, same values, same physical versions (ctid, xmin): nothing of the interrupted run remains.
        assertThat(before).hasSize(PRODUCTS + STALE_PRODUCTS);
        assertThat(table(database)).isEqualTo(before);
    }

    private static List<String> table(String database) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select ctid::text || ' ' || xmin::text || ' ' || s::text"
                     + " from cost_guard_batch.daily_product_sales s order by sales_day, product_id")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    /** The job waits on the locked row (a transactionid lock) and already holds a transaction id: it has written. */
    private static void awaitJobWaitingOnTheRowAfterWriting(String database) throws SQLException, InterruptedException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 1_500; i++) {
                try (ResultSet waiting = statement.executeQuery("select count(*) from pg_stat_activity"
                        + " where application_name = 'cost-guard-batch-job' and wait_event = 'transactionid'"
                        + " and backend_xid is not null")) {
                    waiting.next();
                    if (waiting.getLong(1) == 1) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the job never waited on the locked summary row after writing");
    }
}
