package dev.costguard.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
import org.junit.jupiter.params.provider.ValueSource;

import dev.costguard.batch.GeneratedOrders.Order;
import dev.costguard.batch.GeneratedOrders.SummaryRow;

/**
 * The job in its real home, the API's database: beside the API's tables (with or without the API's own Flyway
 * history), as a nightly user that may only read sales_order, two runs of one day at once, and a dry run.
 */
class ApiDatabaseIT {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 26);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static TestDatabase server;

    @BeforeAll
    static void startServer() {
        server = TestDatabase.start("api-database-it");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static String apiDatabase() throws SQLException {
        String name = server.createDatabase("api_" + DATABASES.incrementAndGet());
        server.createApiSchema(name);
        return name;
    }

    private static List<Order> loadOrders(String database, long seed) throws SQLException {
        List<Order> orders = GeneratedOrders.around(DAY, TOKYO, 1_500, 40, seed);
        try (Connection connection = server.connect(database)) {
            GeneratedOrders.insert(connection, orders);
        }
        return orders;
    }

    @Test
    void runsBesideAnApiSchemaThatHasNoFlywayHistoryAndLeavesItAsItWas() throws Exception {
        String database = apiDatabase();
        List<Order> orders = loadOrders(database, 3);
        List<String> apiCatalogBefore = catalog(database, "public");

        JobProcess job = JobProcess.run(JobProcess.environment(server, database), DAY.toString());

        assertThat(job.exitCode()).as(job.describe()).isZero();
        assertThat(catalog(database, "public")).isEqualTo(apiCatalogBefore).doesNotContain("flyway_schema_history:r");
        assertThat(catalog(database, "cost_guard_batch")).extracting(relation -> relation.split(" ")[0])
                .contains("batch_schema_history:r", "daily_product_sales:r");
        try (Connection connection = server.connect(database)) {
            assertThat(GeneratedOrders.summaryTable(connection))
                    .isEqualTo(GeneratedOrders.expectedSummary(orders, DAY, TOKYO));
        }
    }

    @Test
    void runsBesideTheApisOwnFlywayHistoryWithoutTouchingIt() throws Exception {
        String database = server.createDatabase("api_flyway_" + DATABASES.incrementAndGet());
        server.createApiSchemaWithFlyway(database);
        List<Order> orders = loadOrders(database, 4);
        List<String> apiHistoryBefore = rows(database, "select version || ' ' || description || ' ' || success"
                + " from public.flyway_schema_history order by installed_rank");

        JobProcess job = JobProcess.run(JobProcess.environment(server, database), DAY.toString());

        assertThat(job.exitCode()).as(job.describe()).isZero();
        assertThat(apiHistoryBefore).containsExactly("1 api schema true");
        assertThat(rows(database, "select version || ' ' || description || ' ' || success"
                + " from public.flyway_schema_history order by installed_rank")).isEqualTo(apiHistoryBefore);
        assertThat(rows(database, "select version || ' ' || description || ' ' || success"
                + " from cost_guard_batch.batch_schema_history where version is not null order by installed_rank"))
                .containsExactly("1 daily product sales true");
        try (Connection connection = server.connect(database)) {
            assertThat(GeneratedOrders.summaryTable(connection))
                    .isEqualTo(GeneratedOrders.expectedSummary(orders, DAY, TOKYO));
        }
    }

    @Test
    void aNightlyUserWithOnlySelectOnTheApisTableRunsTheJob() throws Exception {
        String database = apiDatabase();
        List<Order> orders = loadOrders(database, 5);
        String user = "nightly_" + DATABASES.get();
        execute(database, "create role " + user + " login",
                // No DDL anywhere in the API's schema (PostgreSQL 14 and older grant CREATE on public to everyone).
                "revoke create on schema public from public",
                "grant select on sales_order to " + user,
                // The DBA gives the job its own schema once; the job needs no CREATE on the database either.
                "create schema cost_guard_batch authorization " + user);
        assertThat(rows(database, "select has_schema_privilege('" + user + "', 'public', 'CREATE')"
                + " || ' ' || has_table_privilege('" + user + "', 'sales_order', 'INSERT,UPDATE,DELETE,TRUNCATE')"))
                .containsExactly("false false");
        List<String> apiCatalogBefore = catalog(database, "public");
        Map<String, String> env = JobProcess.environment(server, database);
        env.put("DB_USER", user);

        JobProcess job = JobProcess.run(env, DAY.toString());

        assertThat(job.exitCode()).as(job.describe()).isZero();
        assertThat(catalog(database, "public")).isEqualTo(apiCatalogBefore);
        try (Connection connection = server.connect(database)) {
            assertThat(GeneratedOrders.summaryTable(connection))
                    .isEqualTo(GeneratedOrders.expectedSummary(orders, DAY, TOKYO));
        }
    }

    @Test
    void aNightlyUserThatMayNotReadTheOrdersIsToldWhichGrantIsMissing() throws Exception {
        String database = apiDatabase();
        String user = "unread_" + DATABASES.get();
        execute(database, "create role " + user + " login", "create schema cost_guard_batch authorization " + user);
        Map<String, String> env = JobProcess.environment(server, database);
        env.put("DB_USER", user);

        JobProcess job = JobProcess.run(env, DAY.toString());

        assertThat(job.exitCode()).as(job.describe()).isEqualTo(ExitCode.USAGE.code);
        assertThat((String) job.line("source", "rejected").get("error"))
                .isEqualTo("this user has no SELECT privilege on the API's table sales_order"
                        + " (GRANT SELECT ON sales_order TO the nightly user)");
        assertThat(catalog(database, "cost_guard_batch")).isEmpty();
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"product_id", "quantity", "unit_price", "ordered_at"})
    void aRequiredApiColumnThatIsMissingIsNamedBeforeAnythingIsCreated(String missing) throws Exception {
        String database = server.createDatabase("api_renamed_" + DATABASES.incrementAndGet());
        execute(database, TestDatabase.apiSchemaSql(),
                "alter table sales_order rename column " + missing + " to renamed_" + missing);

        JobProcess job = JobProcess.run(JobProcess.environment(server, database), DAY.toString());

        assertThat(job.exitCode()).as(job.describe()).isEqualTo(ExitCode.USAGE.code);
        assertThat((String) job.line("source", "rejected").get("error"))
                .startsWith("the API's table sales_order has no column " + missing + ", which the job reads");
        assertThat(rows(database, "select count(*) from pg_namespace where nspname = 'cost_guard_batch'"))
                .containsExactly("0");
    }

    @Test
    void aMissingApiTableIsNamed() throws Exception {
        String database = server.createDatabase("api_none_" + DATABASES.incrementAndGet());

        JobProcess job = JobProcess.run(JobProcess.environment(server, database), DAY.toString());

        assertThat(job.exitCode()).as(job.describe()).isEqualTo(ExitCode.USAGE.code);
        assertThat((String) job.line("source", "rejected").get("error"))
                .startsWith("the API's table sales_order is not visible to this user (search_path");
    }

    /**
     * Two runs of one day at once (a duplicated schedule event, a manual start): the second waits on the day's
     * advisory lock while the first, parked inside its transaction, still has to read the orders; the orders change
     * meanwhile. The final rows are one run's over the changed orders, and the second run finds nothing to change.
     */
    @Test
    void twoRunsOfTheSameDayTakeTurnsAndEndAsOneRunWhileOrdersChange() throws Exception {
        String database = apiDatabase();
        List<Order> orders = new ArrayList<>(loadOrders(database, 6));
        orders.add(new Order(999, 3, new BigDecimal("12.50"), DAY.atTime(12, 0).atZone(TOKYO).toInstant()));
        try (Connection connection = server.connect(database)) {
            GeneratedOrders.insert(connection, orders.subList(orders.size() - 1, orders.size()));
        }
        Map<String, String> env = JobProcess.environment(server, database);
        assertThat(JobProcess.run(env, DAY.toString()).exitCode()).isZero();

        JobProcess first;
        JobProcess second;
        try (Connection blocker = server.connect(database)) {
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("lock table cost_guard_batch.daily_product_sales in share mode");
            }
            first = JobProcess.start(env, DAY.toString());
            awaitWaits(database, Map.of("relation", 1L));
            second = JobProcess.start(env, DAY.toString());
            awaitWaits(database, Map.of("relation", 1L, "advisory", 1L));

            try (Connection writer = server.connect(database); Statement change = writer.createStatement()) {
                change.executeUpdate("update sales_order set quantity = quantity + 7 where product_id = 1");
                change.executeUpdate("update sales_order set ordered_at = ordered_at + interval '1 day'"
                        + " where product_id = 999");
                GeneratedOrders.insert(writer, List.of(
                        new Order(1000, 2, new BigDecimal("5.00"), DAY.atTime(8, 0).atZone(TOKYO).toInstant())));
            }
            blocker.rollback();
        }

        assertThat(first.awaitExit()).as(first.describe()).isZero();
        assertThat(second.awaitExit()).as(second.describe()).isZero();
        try (Connection connection = server.connect(database)) {
            assertThat(GeneratedOrders.summaryTable(connection))
                    .isEqualTo(GeneratedOrders.expectedSummary(readOrders(connection), DAY, TOKYO))
                    .doesNotContainKey(GeneratedOrders.key(DAY, 999))
                    .containsKey(GeneratedOrders.key(DAY, 1000));
        }
        assertThat(first.line("aggregate", "committed")).containsEntry("rows_deleted", 1)
                .containsEntry("rows_written", 2);
        assertThat(second.line("aggregate", "committed")).containsEntry("rows_deleted", 0)
                .containsEntry("rows_written", 0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"argument --dry-run", "BATCH_DRY_RUN=true"})
    void aDryRunReportsWhatItWouldWriteAndLeavesTheTableAsItWas(String how) throws Exception {
        String database = apiDatabase();
        loadOrders(database, 8);
        Map<String, String> env = JobProcess.environment(server, database);
        assertThat(JobProcess.run(env, DAY.toString()).exitCode()).isZero();
        Map<String, SummaryRow> before;
        Map<String, String> versionsBefore;
        try (Connection connection = server.connect(database); Statement change = connection.createStatement()) {
            change.executeUpdate("update sales_order set quantity = quantity + 1 where product_id in (1, 2, 3)"
                    + " and ordered_at >= '" + DAY.atStartOfDay(TOKYO).toOffsetDateTime() + "'"
                    + " and ordered_at < '" + DAY.plusDays(1).atStartOfDay(TOKYO).toOffsetDateTime() + "'");
            before = GeneratedOrders.summaryTable(connection);
            versionsBefore = GeneratedOrders.rowVersions(connection);
        }

        JobProcess job = how.startsWith("argument")
                ? JobProcess.run(env, "--dry-run", DAY.toString())
                : JobProcess.run(withDryRun(env), DAY.toString());

        assertThat(job.exitCode()).as(job.describe()).isZero();
        assertThat(job.line("arguments", "resolved")).containsEntry("dry_run", true);
        assertThat(job.line("aggregate", "dry_run_rolled_back")).containsEntry("rows_written", 3)
                .containsEntry("rows_deleted", 0).containsEntry("day", DAY.toString());
        assertThat(job.lines("aggregate", "committed")).isEmpty();
        try (Connection connection = server.connect(database)) {
            assertThat(GeneratedOrders.summaryTable(connection)).isEqualTo(before);
            assertThat(GeneratedOrders.rowVersions(connection)).isEqualTo(versionsBefore);
        }
    }

    @Test
    void theScheduledTimeGivesTheDayThatJustEndedInTheZone() throws Exception {
        String database = apiDatabase();
        List<Order> orders = loadOrders(database, 9);
        // 15:00 UTC on the 26th is midnight starting the 27th in Tokyo.
        String scheduledTime = DAY.plusDays(1).atStartOfDay(TOKYO).toInstant().toString();

        JobProcess job = JobProcess.run(JobProcess.environment(server, database), scheduledTime);

        assertThat(job.exitCode()).as(job.describe()).isZero();
        assertThat(job.line("arguments", "resolved")).containsEntry("day", DAY.toString())
                .containsEntry("basis", "scheduled_time");
        try (Connection connection = server.connect(database)) {
            assertThat(GeneratedOrders.summaryTable(connection))
                    .isEqualTo(GeneratedOrders.expectedSummary(orders, DAY, TOKYO));
        }
    }

    private static Map<String, String> withDryRun(Map<String, String> env) {
        env.put("BATCH_DRY_RUN", "true");
        return env;
    }

    /** Waits until the job's sessions wait on exactly these lock types (pg_stat_activity.wait_event), by count. */
    private static void awaitWaits(String database, Map<String, Long> expected) throws Exception {
        Map<String, Long> seen = Map.of();
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 1_500; i++) {
                try (ResultSet waiting = statement.executeQuery("select wait_event, count(*) from pg_stat_activity"
                        + " where application_name = 'cost-guard-batch-job' and wait_event_type = 'Lock'"
                        + " group by wait_event")) {
                    Map<String, Long> now = new java.util.HashMap<>();
                    while (waiting.next()) {
                        now.put(waiting.getString(1), waiting.getLong(2));
                    }
                    seen = now;
                }
                if (seen.equals(expected)) {
                    return;
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the jobs' sessions never waited on " + expected + "; last seen " + seen);
    }

    private static void execute(String database, String... statements) throws SQLException {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> rows(String database, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    /** A schema's relations (tables, indexes, sequences) with their kinds and columns, sorted. */
    private static List<String> catalog(String database, String schema) throws SQLException {
        return rows(database, "select c.relname || ':' || c.relkind || coalesce(' ' || (select string_agg(a.attname"
                + " || ' ' || format_type(a.atttypid, a.atttypmod), ', ' order by a.attnum) from pg_attribute a"
                + " where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '')"
                + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = '" + schema + "'"
                + " order by c.relname");
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
