package dev.costguard.aws.budgets;

import dev.costguard.aws.AwsCall;
import dev.costguard.aws.AwsClients;
import dev.costguard.core.ports.BudgetSpend;
import dev.costguard.core.ports.CloudOperationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Optional;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Spend;

/** A budget's limit and month-to-date actual spend through Budgets DescribeBudget. */
@ApplicationScoped
public class AwsBudgetSpend implements BudgetSpend {

    private final BudgetsClient budgets;

    /** For a command-line tool outside Quarkus (make doctor, make smoke): its own client from the shared setup. */
    public static AwsBudgetSpend standalone(AwsClients clients) {
        return new AwsBudgetSpend(clients.build(BudgetsClient.builder()));
    }

    @Inject
    public AwsBudgetSpend(BudgetsClient budgets) {
        this.budgets = budgets;
    }

    @Override
    public Optional<BudgetSpend.Budget> find(String accountId, String budgetName) {
        software.amazon.awssdk.services.budgets.model.Budget budget;
        try {
            budget = AwsCall.run("DescribeBudget", budgetName,
                    () -> budgets.describeBudget(r -> r.accountId(accountId).budgetName(budgetName))).budget();
        } catch (CloudOperationException e) {
            // https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_DescribeBudget.html
            if ("NotFoundException".equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
        Spend limit = budget.budgetLimit();
        Spend actual = budget.calculatedSpend() == null ? null : budget.calculatedSpend().actualSpend();
        return Optional.of(new BudgetSpend.Budget(budget.budgetName(), amount(limit), amount(actual),
                limit == null ? "USD" : limit.unit()));
    }

    private static BigDecimal amount(Spend spend) {
        return spend == null || spend.amount() == null ? BigDecimal.ZERO : spend.amount();
    }
}
