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

    private static String migratedDatabase() throws SQLException {
        String name = server.createDatabase("job_" + DATABASES.incrementAndGet());
        server.migrate(name);
        return name;
    }

    @ParameterizedTest(name = "seed {0}, zone {1}")
    @CsvSource({"20261127, Asia/Tokyo", "7, UTC"})
    void summaryIsExactForGeneratedOrders(long seed, String zone) throws Exception {
        String database = migratedDatabase();
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
                .containsExactly("arguments/resolved", "connect/connected", "migrate/migrated", "aggregate/started",
                        "aggregate/committed", "finish/exit");
    }

    @Test
    void secondRunOfTheSameDayChangesNothing() throws Exception {
        String database = migratedDatabase();
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
                .containsEntry("schema_version", "2");
        try (Connection connection = server.connect(database)) {
            assertThat(afterFirst).isNotEmpty();
            assertThat(GeneratedOrders.summaryTable(connection)).isEqualTo(afterFirst);
            // Same ctid and xmin: the rows were not even rewritten with equal values.
            assertThat(GeneratedOrders.rowVersions(connection)).isEqualTo(versionsAfterFirst);
        }
    }

    @Test
    void rerunAfterSourceChangesFollowsTheOrders() throws Exception {
        String database = migratedDatabase();
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
        String database = migratedDatabase();
        try (Connection connection = server.connect(database)) {
            // Orders on the days around it only.
            GeneratedOrders.insert(connection, GeneratedOrders.around(DAY.minusDays(3), TOKYO, 500, 20, 5));
        }

        JobProcess job = JobProcess.run(JobProcess.environment(server, database), DAY.toString());

        assertThat(job.exitCode()).as(job.describe()).isZero();
        assertThat(job.line("aggregate", "committed")).containsEntry("products", 0).containsEntry("orders", 0);
        try (Connection connection = server.connect(database)) {
            assertThat(GeneratedOrders.summaryTable(connection)).allSatisfy(
                    (key, row) -> assertThat(key).doesNotStartWith(DAY.toString()));
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
            // Not even the migrations ran: the database is as created.
            assertThat(tableNames(connection)).isEmpty();
        }
    }

    @Test
    void twoArgumentsAreRefused() throws Exception {
        String database = server.createDatabase("two_arguments_" + DATABASES.incrementAndGet());

        JobProcess job = JobProcess.run(JobProcess.environment(server, database), "2026-11-26", "2026-11-27");

        assertThat(job.exitCode()).isEqualTo(ExitCode.USAGE.code);
        assertThat((String) job.line("arguments", "rejected").get("error"))
                .startsWith("expected at most one argument, got 2");
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
                     "select table_name from information_schema.tables where table_schema = 'public'")) {
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
