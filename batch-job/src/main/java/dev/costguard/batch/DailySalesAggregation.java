package dev.costguard.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

/**
 * Aggregates one day of orders into daily_product_sales in a single transaction: stale rows out, then one upsert.
 * Any failure, SIGTERM included, rolls the whole day back, so a retry starts from the previous committed state.
 */
@ApplicationScoped
public class DailySalesAggregation {

    static final SqlTemplate DELETE_STALE = SqlTemplate.load("/sql/delete-stale-summary.sql");
    static final SqlTemplate UPSERT = SqlTemplate.load("/sql/upsert-summary.sql");

    /** What one committed run changed and what the day's summary holds afterwards. */
    public record Result(int rowsDeleted, int rowsWritten, DailyProductSales.DayTotals totals) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    Termination termination;

    @Transactional
    public Result aggregate(LocalDate day, ZoneId zone) {
        // Day bounds in the business zone; atStartOfDay handles days that do not start at midnight (DST).
        OffsetDateTime dayStart = day.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime dayEnd = day.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        Map<String, Object> values = Map.of("day", day, "day_start", dayStart, "day_end", dayEnd);

        int[] counts = entityManager.unwrap(Session.class).doReturningWork(connection -> new int[] {
                execute(connection, DELETE_STALE, values),
                execute(connection, UPSERT, values) });
        DailyProductSales.DayTotals totals = DailyProductSales.totalsFor(day);
        // A signal that came after the last statement still gets the rollback it asked for.
        termination.throwIfRequested();
        return new Result(counts[0], counts[1], totals);
    }

    private int execute(Connection connection, SqlTemplate template, Map<String, Object> values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(template.jdbcSql())) {
            List<Object> parameters = template.bind(values);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return termination.cancellable(statement, s -> statement.executeUpdate());
        }
    }
}
