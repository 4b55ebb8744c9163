package dev.costguard.core.ports;

import java.math.BigDecimal;
import java.util.Optional;

/** A budget's limit and what it has counted so far this period (Budgets DescribeBudget). */
public interface BudgetSpend {

    /** The budget, or empty when the account has none of that name. */
    Optional<Budget> find(String accountId, String budgetName);

    /** Limit and month-to-date actual spend in the budget's unit (USD); actual is as of Budgets' last refresh. */
    record Budget(String name, BigDecimal limit, BigDecimal actual, String unit) {
    }
}
