package dev.costguard.batch;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Seeded random orders around one day, and the summary computed from them in Java (the test oracle). */
final class GeneratedOrders {

    record Order(long productId, int quantity, BigDecimal unitPrice, Instant orderedAt) {
    }

    /** A summary row, keyed by "day/product" in sorted order so two maps compare directly. */
    record SummaryRow(int orderCount, long quantity, BigDecimal revenue) {
        SummaryRow {
            revenue = revenue.setScale(2);
        }
    }

    private GeneratedOrders() {
    }

    /**
     * {@code count} orders spread over the day before, the day and the day after (in {@code zone}), plus orders
     * exactly on and a microsecond either side of the day's two boundaries.
     */
    static List<Order> around(LocalDate day, ZoneId zone, int count, int products, long seed) {
        Random random = new Random(seed);
        Instant windowStart = day.minusDays(1).atStartOfDay(zone).toInstant();
        long windowMicros = ChronoUnit.MICROS.between(windowStart, day.plusDays(2).atStartOfDay(zone).toInstant());
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orders.add(randomOrder(random, products, windowStart.plus(Math.floorMod(random.nextLong(), windowMicros),
                    ChronoUnit.MICROS)));
        }
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
        for (Instant boundary : List.of(dayStart, dayEnd)) {
            for (long offsetMicros : new long[] {-1, 0, 1}) {
                orders.add(randomOrder(random, products, boundary.plus(offsetMicros, ChronoUnit.MICROS)));
            }
        }
        return orders;
    }

    private static Order randomOrder(Random random, int products, Instant at) {
        return new Order(1 + random.nextInt(products), 1 + random.nextInt(20),
                BigDecimal.valueOf(random.nextInt(1_000_000), 2), at);
    }

    static void insert(Connection connection, List<Order> orders) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into sales_order (product_id, quantity, unit_price, ordered_at) values (?, ?, ?, ?)")) {
            for (Order order : orders) {
                insert.setLong(1, order.productId());
                insert.setInt(2, order.quantity());
                insert.setBigDecimal(3, order.unitPrice());
                insert.setObject(4, order.orderedAt().atOffset(ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** What the summary table must hold for {@code day}, computed independently of the job's SQL. */
    static Map<String, SummaryRow> expectedSummary(List<Order> orders, LocalDate day, ZoneId zone) {
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
        Map<String, SummaryRow> expected = new TreeMap<>();
        for (Order order : orders) {
            if (order.orderedAt().isBefore(start) || !order.orderedAt().isBefore(end)) {
                continue;
            }
            BigDecimal revenue = order.unitPrice().multiply(BigDecimal.valueOf(order.quantity()));
            expected.merge(key(day, order.productId()), new SummaryRow(1, order.quantity(), revenue),
                    (a, b) -> new SummaryRow(a.orderCount() + b.orderCount(), a.quantity() + b.quantity(),
                            a.revenue().add(b.revenue())));
        }
        return expected;
    }

    /** The whole summary table, every day. */
    static Map<String, SummaryRow> summaryTable(Connection connection) throws SQLException {
        Map<String, SummaryRow> rows = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "select sales_day, product_id, order_count, quantity, revenue from cost_guard_batch.daily_product_sales")) {
            while (result.next()) {
                rows.put(key(result.getObject(1, LocalDate.class), result.getLong(2)),
                        new SummaryRow(result.getInt(3), result.getLong(4), result.getBigDecimal(5)));
            }
        }
        return rows;
    }

    /** Each summary row's physical version (ctid, xmin): unchanged only if the row was not rewritten. */
    static Map<String, String> rowVersions(Connection connection) throws SQLException {
        Map<String, String> versions = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "select sales_day, product_id, ctid::text || '/' || xmin::text from cost_guard_batch.daily_product_sales")) {
            while (result.next()) {
                versions.put(key(result.getObject(1, LocalDate.class), result.getLong(2)), result.getString(3));
            }
        }
        return versions;
    }

    static String key(LocalDate day, long productId) {
        return day + "/" + String.format("%08d", productId);
    }
}
