package dev.costguard.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.costguard.batch.GeneratedOrders.Order;
import dev.costguard.batch.GeneratedOrders.SummaryRow;

/** The packaged job against a real PostgreSQL: each test gets its own database on one embedded server. */
class BatchJobIT {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static TestDatabase server;

    @BeforeAll
    static void startServer() {
        server = TestDatabase.start("batch-job-it");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    /** A database as the API leaves it: its tables in public, no Flyway history; the job has never run. */
    private static String apiDatabase() throws SQLException {
        String name = server.createDatabase("job_" + DATABASES.incrementAndGet());
        server.createApiSchema(name);
        return name;
    }

    @ParameterizedTest(name = "seed {0}, zone {1}")
    @CsvSource({"20261127, Asia/Tokyo", "7, UTC"})
    void summaryIsExactForGeneratedOrders(long seed, String zone) throws Exception {
        String database = apiDatabase();
        List<Order> orders = GeneratedOrders.around(DAY, ZoneId.of(zone), 4_000, 150, seed);
        try (Connection connection = server.connect(database)) {
            GeneratedOrders.insert(connection, orders);
        }

        Map<String, String> env = JobProcess.environment(server, database);
        env.put("BATCH_TIME_ZONE", zone);
        JobProcess job = JobProcess.run(env, DAY.toString());

        assertThat(job.exitCode()).as(job.describe()).isZero();
        Map<String, SummaryRow> expected = GeneratedOrders.expectedSummary(orders, DAY, ZoneId.of(zone));
        try (Connection connection = server.connect(database)) {
            assertThat(GeneratedOrders.summaryTable(connection)).isEqualTo(expected);
        }
        Map<String, Object> committed = job.line("aggregate", "committed");
        assertThat(committed).containsEntry("day", DAY.toString())
                .containsEntry("rows_written", expected.size())
                .containsEntry("orders", expected.values().stream().mapToInt(SummaryRow::orderCount).sum())
                .containsEntry("products", expected.size())
                .containsEntry("quantity", (int) expected.values().stream().mapToLong(SummaryRow::quantity).sum())
                .containsEntry("revenue", expected.values().stream().map(SummaryRow::revenue)
                        .reduce(BigDecimal.ZERO, BigDecimal::add).toPlainString());
        assertThat(job.logLines()).extracting(line -> line.get("stage") + "/" + line.get("event"))
                .containsExactly("arguments/resolved", "connect/connected", "source/checked", "migrate/migrated",
                        "aggregate/started",
                        "aggregate/committed", "finish/exit");
    }

    @Test
    void secondRunOfTheSameDayChangesNothing() throws Exception {
        String database = apiDatabase();
        try (Connection connection = server.connect(database)) {
            GeneratedOrders.insert(connection, GeneratedOrders.around(DAY, TOKYO, 2_000, 80, 11));
        }
        Map<String, String> env = JobProcess.environment(server, database);
        assertThat(JobProcess.run(env, DAY.toString()).exitCode()).isZero();
        Map<String, SummaryRow> afterFirst;
        Map<String, String> versionsAfterFirst;
        try (Connection connection = server.connect(database)) {
            afterFirst = GeneratedOrders.summaryTable(connection);
            versionsAfterFirst = GeneratedOrders.rowVersions(connection);
        }

        JobProcess second = JobProcess.run(env, DAY.toString());

        assertThat(second.exitCode()).as(second.describe()).isZero();
        assertThat(second.line("aggregate", "committed"))
                .containsEntry("rows_written", 0).containsEntry("rows_deleted", 0);
        // Nothing to apply: the version reported is the one the migrate call found.
        assertThat(second.line("migrate", "migrated")).containsEntry("applied", 0)
                .containsEntry("schema_version", "1");
        try (Connection connection = server.connect(database)) {
            assertThat(afterFirst).isNotEmpty();
            assertThat(GeneratedOrders.summaryTable(connection)).isEqualTo(afterFirst);
            // Same ctid and xmin: the rows were not even rewritten with equal values.
            assertThat(GeneratedOrders.rowVersions(connection)).isEqualTo(versionsAfterFirst);
        }
    }

    @Test
    void rerunAfterSourceChangesFollowsTheOrders() throws Exception {
        String database = apiDatabase();
        List<Order> orders = new ArrayList<>(GeneratedOrders.around(DAY, TOKYO, 1_500, 40, 23));
        // Product 999 has a single order on the day; it moves to the next day before the re-run.
        Order lonely = new Order(999, 3, new BigDecimal("12.50"),
                DAY.atTime(12, 0).atZone(TOKYO).toInstant());
        orders.add(lonely);
        try (Connection connection = server.connect(database)) {
            GeneratedOrders.insert(connection, orders);
        }
        Map<String, String> env = JobProcess.environment(server, database);
        assertThat(JobProcess.run(env, DAY.toString()).exitCode()).isZero();

        Order added = new Order(1000, 2, new BigDecimal("5.00"), DAY.atTime(8, 0).atZone(TOKYO).toInstant());
        List<Order> changed = new ArrayList<>();
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            // One order of product 1 on the day gets a larger quantity.
            try (ResultSet row = statement.executeQuery("select id, quantity from sales_order where product_id = 1"
                    + " and ordered_at >= '" + DAY.atStartOfDay(TOKYO).toOffsetDateTime() + "'"
                    + " and ordered_at < '" + DAY.plusDays(1).atStartOfDay(TOKYO).toOffsetDateTime() + "'"
                    + " order by id limit 1")) {
                assertThat(row.next()).as("product 1 has an order on the day").isTrue();
                long id = row.getLong(1);
                try (Statement update = connection.createStatement()) {
                    update.executeUpdate("update sales_order set quantity = quantity + 7 where id = " + id);
                }
            }
            statement.executeUpdate("update sales_order set ordered_at = ordered_at + interval '1 day'"
                    + " where product_id = 999");
            GeneratedOrders.insert(connection, List.of(added));
            changed.addAll(readOrders(connection));
        }

        JobProcess rerun = JobProcess.run(env, DAY.toString());

        assertThat(rerun.exitCode()).as(rerun.describe()).isZero();
        Map<String, SummaryRow> expected = GeneratedOrders.expectedSummary(changed, DAY, TOKYO);
        assertThat(expected).doesNotContainKey(GeneratedOrders.key(DAY, 999))
                .containsKey(GeneratedOrders.key(DAY, 1000));
        try (Connection connection = server.connect(database)) {
            assertThat(GeneratedOrders.summaryTable(connection)).isEqualTo(expected);
        }
        assertThat(rerun.line("aggregate", "committed"))
                .containsEntry("rows_deleted", 1)
                .containsEntry("rows_written", 2);
    }

    @Test
    void emptyDayWritesNoRowsAndSucceeds() throws Exception {
        String database = apiDatabase();
        List<Order> orders = new ArrayList<>(GeneratedOrders.around(DAY.minusDays(3), TOKYO, 500, 20, 5));
        // One order on the day, summarised by a first run, then moved to the next day: the day becomes empty.
        orders.add(new Order(77, 1, new BigDecimal("3.00"), DAY.atTime(10, 0).atZone(TOKYO).toInstant()));
        try (Connection connection = server.connect(database)) {
            GeneratedOrders.insert(connection, orders);
        }
        Map<String, String> env = JobProcess.environment(server, database);
        assertThat(JobProcess.run(env, DAY.minusDays(3).toString()).exitCode()).isZero();
        assertThat(JobProcess.run(env, DAY.toString()).exitCode()).isZero();
        Map<String, SummaryRow> otherDay;
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            assertThat(GeneratedOrders.summaryTable(connection)).containsKey(GeneratedOrders.key(DAY, 77));
            otherDay = GeneratedOrders.summaryTable(connection);
            otherDay.keySet().removeIf(key -> key.startsWith(DAY.toString()));
            statement.executeUpdate("update sales_order set ordered_at = ordered_at + interval '1 day'"
                    + " where product_id = 77");
        }

        JobProcess job = JobProcess.run(env, DAY.toString());

        assertThat(job.exitCode()).as(job.describe()).isZero();
        assertThat(job.line("aggregate", "committed")).containsEntry("products", 0).containsEntry("orders", 0)
                .containsEntry("rows_deleted", 1);
        try (Connection connection = server.connect(database)) {
            // The day's stale row is gone and the other day's rows are exactly as they were.
            assertThat(otherDay).isNotEmpty();
            assertThat(GeneratedOrders.summaryTable(connection)).isEqualTo(otherDay);
        }
    }

    /** The other bad forms are pinned by RunDayTest; this one proves the refusal happens before any write. */
    @Test
    void badDayArgumentIsRefusedBeforeTouchingTheDatabase() throws Exception {
        String argument = "2026-02-30";
        String database = server.createDatabase("bad_argument_" + DATABASES.incrementAndGet());

        JobProcess job = JobProcess.run(JobProcess.environment(server, database), argument);

        assertThat(job.exitCode()).as(job.describe()).isEqualTo(ExitCode.USAGE.code);
        assertThat((String) job.line("arguments", "rejected").get("error")).contains(argument);
        assertThat(job.lines("connect", "connected")).isEmpty();
        try (Connection connection = server.connect(database)) {
            // Not even the job's schema was created: the database is as created.
            assertThat(tableNames(connection)).isEmpty();
        }
    }

    @Test
    void twoArgumentsAreRefused() throws Exception {
        String database = server.createDatabase("two_arguments_" + DATABASES.incrementAndGet());

        JobProcess job = JobProcess.run(JobProcess.environment(server, database), "2026-11-26", "2026-11-27");

        assertThat(job.exitCode()).isEqualTo(ExitCode.USAGE.code);
        assertThat((String) job.line("arguments", "rejected").get("error"))
                .startsWith("expected at most one day argument, got 2");
        try (Connection connection = server.connect(database)) {
            assertThat(tableNames(connection)).isEmpty();
        }
    }

    @Test
    void unreachableDatabaseFailsAfterTheConfiguredAttempts() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = JobProcess.environment(server, "postgres");
        env.put("DB_PORT", Integer.toString(closedPort));
        env.put("BATCH_CONNECT_ATTEMPTS", "3");
        env.put("BATCH_CONNECT_BACKOFF", "0.05S");

        JobProcess job = JobProcess.run(env, DAY.toString());

        assertThat(job.exitCode()).as(job.describe()).isEqualTo(ExitCode.DATABASE_UNREACHABLE.code);
        assertThat(job.lines("connect", "attempt_failed")).extracting(line -> line.get("attempt"))
                .containsExactly(1, 2, 3);
        assertThat((String) job.line("connect", "unreachable").get("error"))
                .startsWith("database unreachable at jdbc:postgresql://localhost:" + closedPort + "/postgres")
                .contains("after 3 attempts")
                .contains("Connection");
        assertThat(job.lines("aggregate", "started")).isEmpty();
    }

    private static List<String> tableNames(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "select table_schema || '.' || table_name from information_schema.tables"
                             + " where table_schema not in ('pg_catalog', 'information_schema')")) {
            while (result.next()) {
                names.add(result.getString(1));
            }
        }
        return names;
    }

    private static List<Order> readOrders(Connection connection) throws SQLException {
        List<Order> orders = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "select product_id, quantity, unit_price, ordered_at from sales_order")) {
            while (result.next()) {
                orders.add(new Order(result.getLong(1), result.getInt(2), result.getBigDecimal(3),
                        result.getObject(4, OffsetDateTime.class).toInstant()));
            }
        }
        return orders;
    }
}
