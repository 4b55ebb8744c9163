package dev.costguard.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

/**
 * Aggregates one day of orders into cost_guard_batch.daily_product_sales in a single transaction: the day's
 * advisory lock first (one run per day at a time), then one statement that drops stale rows and upserts the rest
 * from one snapshot. Any failure, SIGTERM included, rolls the whole day back, so a retry starts from the previous
 * committed state; a dry run rolls back on purpose after reading what it would have written.
 */
@ApplicationScoped
public class DailySalesAggregation {

    static final SqlTemplate LOCK_DAY = SqlTemplate.load("/sql/lock-day.sql");
    static final SqlTemplate AGGREGATE_DAY = SqlTemplate.load("/sql/aggregate-day.sql");

    /** What one run changed (or, dry, would have changed) and what the day's summary holds afterwards. */
    public record Result(long rowsDeleted, long rowsWritten, DailyProductSales.DayTotals totals) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    Termination termination;

    @Inject
    TransactionManager transactions;

    @Transactional
    public Result aggregate(LocalDate day, ZoneId zone, boolean dryRun) {
        // Day bounds in the business zone; atStartOfDay handles days that do not start at midnight (DST).
        OffsetDateTime dayStart = day.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime dayEnd = day.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        Map<String, Object> values = Map.of("day", day, "day_start", dayStart, "day_end", dayEnd);

        long[] counts = entityManager.unwrap(Session.class).doReturningWork(connection -> {
            query(connection, LOCK_DAY, values);
            return query(connection, AGGREGATE_DAY, values);
        });
        DailyProductSales.DayTotals totals = DailyProductSales.totalsFor(day);
        // A signal that came after the last statement still gets the rollback it asked for.
        termination.throwIfRequested();
        if (dryRun) {
            markRollbackOnly();
        }
        return new Result(counts[0], counts[1], totals);
    }

    private void markRollbackOnly() {
        try {
            transactions.setRollbackOnly();
        } catch (SystemException e) {
            throw new IllegalStateException("cannot mark the dry run's transaction for rollback", e);
        }
    }

    /** Runs one statement, cancellable by SIGTERM, and returns its first row's numbers. */
    private long[] query(Connection connection, SqlTemplate template, Map<String, Object> values)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(template.jdbcSql())) {
            List<Object> parameters = template.bind(values);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return termination.cancellable(statement, s -> {
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        throw new SQLException("no row from " + template.jdbcSql());
                    }
                    int columns = row.getMetaData().getColumnCount();
                    long[] numbers = new long[columns];
                    for (int i = 0; i < columns; i++) {
                        Object value = row.getObject(i + 1);
                        numbers[i] = value instanceof Number number ? number.longValue() : 0;
                    }
                    return numbers;
                }
            });
        }
    }
}
