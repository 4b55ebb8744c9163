package dev.costguard.batch;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One summary row: a product's orders on one day. Written by set-based SQL, read through Panache. */
@Entity
@Table(schema = "cost_guard_batch", name = "daily_product_sales")
@IdClass(DailyProductSales.Key.class)
public class DailyProductSales extends PanacheEntityBase {

    @Id
    @Column(name = "sales_day")
    public LocalDate salesDay;

    @Id
    @Column(name = "product_id")
    public long productId;

    @Column(name = "order_count")
    public int orderCount;

    public long quantity;

    public BigDecimal revenue;

    /** The totals over a day's summary rows, as the run reports them. */
    public record DayTotals(long products, long orders, long quantity, BigDecimal revenue) {
    }

    /**
     * The day's totals, read in the run's transaction. Plain SQL on purpose: the job is a fresh JVM every night, and
     * its first (and only) HQL query pays for the HQL parser's start-up, which measured longer than the whole
     * aggregation's statements (docs/BENCHMARKS.md, "Nightly batch"); a native query skips that parser.
     */
    public static DayTotals totalsFor(LocalDate day) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery("select count(*), sum(order_count),"
                + " sum(quantity), sum(revenue) from cost_guard_batch.daily_product_sales where sales_day = ?1")
                .setParameter(1, day)
                .getSingleResult();
        return new DayTotals(((Number) row[0]).longValue(), row[1] == null ? 0 : ((Number) row[1]).longValue(),
                row[2] == null ? 0 : ((Number) row[2]).longValue(),
                row[3] == null ? BigDecimal.ZERO : (BigDecimal) row[3]);
    }

    /** The composite primary key (sales_day, product_id). */
    public static class Key implements Serializable {
        public LocalDate salesDay;
        public long productId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && productId == key.productId && Objects.equals(salesDay, key.salesDay);
        }

        @Override
        public int hashCode() {
            return Objects.hash(salesDay, productId);
        }
    }
}
