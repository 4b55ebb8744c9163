package dev.costguard.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ECS stops a task with SIGTERM (StopTask, Spot reclaim): the day's transaction must roll back, promptly. */
class SigtermIT {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final int ORDERS = 300_000;

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
    void sigtermInTheMiddleOfALargeRunRollsBackAndExitsNonZero() throws Exception {
        String database = server.createDatabase("sigterm");
        server.migrate(database);
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.executeUpdate("insert into sales_order (product_id, quantity, unit_price, ordered_at)"
                    + " select 1 + i % 5000, 1 + i % 7, (i % 10000) / 100.0,"
                    + " timestamptz '" + DAY.atStartOfDay(TOKYO).toOffsetDateTime() + "' + (i % 86400) * interval '1 second'"
                    + " from generate_series(1, " + ORDERS + ") as i");
        }

        try (Connection blocker = server.connect(database)) {
            // Holding a SHARE lock on the summary table parks the job inside its transaction, so the signal lands
            // mid-run on any machine, however fast the aggregation itself would be.
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("lock table daily_product_sales in share mode");
            }

            JobProcess job = JobProcess.start(JobProcess.environment(server, database), DAY.toString());
            job.awaitLine(line -> "aggregate".equals(line.get("stage")) && "started".equals(line.get("event")));
            awaitJobWaitingOnLock(database);

            job.sigterm();

            // It exits while the lock is still held: the running statement was cancelled, not waited for.
            int exit = job.awaitExit();
            assertThat(exit).as(job.describe()).isEqualTo(ExitCode.TERMINATED.code);
            assertThat(job.line("terminate", "sigterm_received")).containsEntry("running_statement", true);
            assertThat(job.line("aggregate", "rolled_back")).containsEntry("reason", "SIGTERM")
                    .containsEntry("day", DAY.toString());
            assertThat(job.line("finish", "exit")).containsEntry("exit_code", ExitCode.TERMINATED.code);
            assertThat(job.lines("aggregate", "committed")).isEmpty();
            blocker.rollback();
        }

        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "select count(*) from daily_product_sales where sales_day = date '" + DAY + "'")) {
            rows.next();
            assertThat(rows.getLong(1)).as("summary rows of the interrupted day").isZero();
        }
    }

    private static void awaitJobWaitingOnLock(String database) throws SQLException, InterruptedException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 1_000; i++) {
                try (ResultSet waiting = statement.executeQuery("select count(*) from pg_stat_activity"
                        + " where application_name = 'cost-guard-batch-job' and wait_event_type = 'Lock'")) {
                    waiting.next();
                    if (waiting.getLong(1) == 1) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the job never waited on the summary table lock");
    }
}
