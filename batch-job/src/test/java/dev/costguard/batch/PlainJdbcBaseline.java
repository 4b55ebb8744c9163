package dev.costguard.batch;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's baseline for the whole job (docs/benchmarks/batch-bench.sh): the job's own two SQL files in one
 * transaction over plain JDBC, from a bare main, with no framework. Connection from DB_HOST, DB_PORT, DB_NAME,
 * DB_USER, DB_PASSWORD; the day and the zone as arguments.
 */
public final class PlainJdbcBaseline {

    private PlainJdbcBaseline() {
    }

    public static void main(String[] args) throws SQLException {
        LocalDate day = LocalDate.parse(args[0]);
        ZoneId zone = ZoneId.of(args[1]);
        Map<String, Object> values = Map.of("day", day, "day_start", day.atStartOfDay(zone).toOffsetDateTime(),
                "day_end", day.plusDays(1).atStartOfDay(zone).toOffsetDateTime());
        String url = "jdbc:postgresql://" + System.getenv("DB_HOST") + ":"
                + System.getenv().getOrDefault("DB_PORT", "5432") + "/" + System.getenv("DB_NAME");
        try (Connection connection = DriverManager.getConnection(url, System.getenv("DB_USER"),
                System.getenv("DB_PASSWORD"))) {
            connection.setAutoCommit(false);
            query(connection, SqlTemplate.load("/sql/lock-day.sql"), values);
            String counts = query(connection, SqlTemplate.load("/sql/aggregate-day.sql"), values);
            connection.commit();
            System.out.println("rows_deleted,rows_written=" + counts);
        }
    }

    private static String query(Connection connection, SqlTemplate template, Map<String, Object> values)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(template.jdbcSql())) {
            List<Object> parameters = template.bind(values);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                StringBuilder text = new StringBuilder();
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    text.append(i > 1 ? "," : "").append(row.getString(i));
                }
                return text.toString();
            }
        }
    }
}
