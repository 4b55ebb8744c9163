package dev.costguard.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The API's sales_order, which the job only reads: checked at start, before any migration or write, so that a
 * renamed column or a missing grant is a clear refusal that names it, not an SQL error in the middle of the night.
 */
public final class SourceTable {

    static final SqlTemplate COLUMNS = SqlTemplate.load("/sql/source-columns.sql");

    /** The columns the aggregation reads and the types (patterns of format_type) it accepts. */
    static final Map<String, String> REQUIRED = requiredColumns();

    private SourceTable() {
    }

    private static Map<String, String> requiredColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("product_id", "bigint|integer");
        columns.put("quantity", "bigint|integer|smallint");
        columns.put("unit_price", "numeric(\\(\\d+,\\d+\\))?");
        columns.put("ordered_at", "timestamp with time zone");
        return columns;
    }

    /** Empty when the table is fit to read; otherwise what is wrong, naming the table, column or grant. */
    public static Optional<String> problem(Connection connection) throws SQLException {
        Map<String, String> found = new HashMap<>();
        boolean readable = false;
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS.jdbcSql());
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.put(rows.getString(1), rows.getString(2));
                readable = rows.getBoolean(3);
            }
        }
        if (found.isEmpty()) {
            return Optional.of("the API's table sales_order is not visible to this user (search_path "
                    + searchPath(connection) + "): the job reads it and does not create it");
        }
        for (Map.Entry<String, String> column : REQUIRED.entrySet()) {
            String type = found.get(column.getKey());
            if (type == null) {
                return Optional.of("the API's table sales_order has no column " + column.getKey()
                        + ", which the job reads; it has " + found.keySet().stream().sorted()
                        .toList());
            }
            if (!type.matches(column.getValue())) {
                return Optional.of("the API's column sales_order." + column.getKey() + " is " + type
                        + ", the job reads it as " + column.getValue().replace("|", " or ")
                        .replace("(\\(\\d+,\\d+\\))?", ""));
            }
        }
        if (!readable) {
            return Optional.of("this user has no SELECT privilege on the API's table sales_order"
                    + " (GRANT SELECT ON sales_order TO the nightly user)");
        }
        return Optional.empty();
    }

    private static String searchPath(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("show search_path");
             ResultSet row = statement.executeQuery()) {
            return row.next() ? row.getString(1) : "unknown";
        }
    }
}
