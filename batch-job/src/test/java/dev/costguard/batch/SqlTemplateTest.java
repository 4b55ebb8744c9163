package dev.costguard.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SqlTemplateTest {

    @Test
    void turnsPsqlVariablesIntoOrderedJdbcParameters() {
        SqlTemplate template = SqlTemplate.parse(
                "select :'b' where x = :'a' and y::text = :'b' and z = ':not a variable'");

        assertThat(template.jdbcSql()).isEqualTo("select ? where x = ? and y::text = ? and z = ':not a variable'");
        assertThat(template.parameterNames()).containsExactly("b", "a", "b");
        assertThat(template.bind(Map.of("a", 1, "b", "two"))).containsExactly("two", 1, "two");
    }

    @Test
    void refusesToBindAMissingVariable() {
        assertThatThrownBy(() -> SqlTemplate.parse("select :'day'").bind(Map.of()))
                .hasMessage("no value for SQL variable :'day'");
    }

    @Test
    void theJobsStatementsUseTheDayAndItsBounds() {
        assertThat(DailySalesAggregation.LOCK_DAY.parameterNames()).containsExactly("day");
        assertThat(DailySalesAggregation.AGGREGATE_DAY.parameterNames()).containsExactly("day", "day_start", "day_end",
                "day", "day_start", "day_end");
        assertThat(SourceTable.COLUMNS.parameterNames()).isEmpty();
    }
}
