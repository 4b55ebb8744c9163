package dev.costguard.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The demo's and the benchmark's database: an embedded PostgreSQL with generated orders.
 *
 * <pre>
 * serve DIR DAY ORDERS   start a server under DIR, load ORDERS orders on DAY (Asia/Tokyo) and a few on the days
 *                        around it, print "port=N", then run until stdin closes
 * summary PORT DAY       print the day's summary table
 * </pre>
 */
public final class LocalPostgres {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("serve")) {
            serve(Path.of(args[1]), LocalDate.parse(args[2]), Integer.parseInt(args[3]));
        } else if (args.length == 3 && args[0].equals("summary")) {
            printSummary(Integer.parseInt(args[1]), LocalDate.parse(args[2]));
        } else {
            System.err.println("usage: LocalPostgres serve DIR DAY ORDERS | summary PORT DAY");
            System.exit(2);
        }
    }

    private static void serve(Path directory, LocalDate day, int orders) throws IOException, SQLException {
        Files.createDirectories(directory);
        try (EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(directory.resolve("data"))
                .setCleanDataDirectory(true)
                .setOverrideWorkingDirectory(directory.resolve("binaries").toFile())
                .start()) {
            // The API's tables, as the API creates them; the job's first run creates its own schema beside them.
            try (Connection connection = server.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute(TestDatabase.apiSchemaSql());
                statement.executeUpdate(generatedOrders(day, orders));
                statement.executeUpdate(generatedOrders(day.minusDays(1), Math.max(1, orders / 10)));
                statement.executeUpdate(generatedOrders(day.plusDays(1), Math.max(1, orders / 10)));
                statement.execute("analyze sales_order");
            }
            System.out.println("port=" + server.getPort());
            System.out.flush();
            // Runs until the script that started it closes stdin (or exits).
            while (System.in.read() >= 0) {
                // keep serving
            }
        }
    }

    /** Deterministic orders spread over the day (Tokyo time): 500 products, quantities 1-7, prices 0.00-99.99. */
    static String generatedOrders(LocalDate day, int orders) {
        return "insert into sales_order (product_id, quantity, unit_price, ordered_at)"
                + " select 1 + (i * 7919) % 500, 1 + i % 7, ((i * 104729) % 10000) / 100.0,"
                + " timestamptz '" + day.atStartOfDay(TOKYO).toOffsetDateTime() + "'"
                + " + ((i * 86399::bigint / " + orders + ") * interval '1 second')"
                + " from generate_series(0::bigint, " + (orders - 1) + ") as i";
    }

    private static void printSummary(int port, LocalDate day) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select product_id, order_count, quantity, revenue"
                     + " from cost_guard_batch.daily_product_sales where sales_day = date '" + day + "' order by revenue desc")) {
            System.out.printf("%-10s %-10s %6s %8s %12s%n", "day", "product", "orders", "quantity", "revenue");
            int shown = 0;
            int total = 0;
            while (rows.next()) {
                total++;
                if (shown++ < 10) {
                    System.out.printf("%-10s %-10d %6d %8d %12s%n", day, rows.getLong(1), rows.getInt(2),
                            rows.getLong(3), rows.getBigDecimal(4).toPlainString());
                }
            }
            System.out.println("(" + total + " products on " + day + "; the 10 with the highest revenue shown)");
        }
    }
}
