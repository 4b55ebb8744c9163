package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** AWS Budgets' JSON 1.1 API: DescribeBudget with the budget's limit and its month-to-date actual spend. */
final class BudgetsHandler implements ServiceHandler {

    static final String TARGET_PREFIX = "AWSBudgetServiceGateway.";

    private final AccountState account;

    BudgetsHandler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "budgets";
    }

    @Override
    public List<String> operations() {
        return List.of("DescribeBudget");
    }

    @Override
    public String operation(AwsRequest request) {
        return request.header("X-Amz-Target").substring(TARGET_PREFIX.length());
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        String operation = operation(request);
        log.operation(operation);
        if (!operation.equals("DescribeBudget")) {
            throw AwsError.client("UnknownOperationException", "The fake account implements Budgets DescribeBudget only, not " + operation);
        }
        JsonNode body = request.json();
        String name = body.path("BudgetName").asText("");
        log.subject(name);
        if (!AccountState.ACCOUNT_ID.equals(body.path("AccountId").asText())) {
            throw AwsError.client("AccessDeniedException", "You are not authorized to read the budgets of account " + body.path("AccountId").asText());
        }
        DeployedStack.Budget budget = account.stack.budgets.get(name);
        if (budget == null) {
            // https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_DescribeBudget.html
            throw AwsError.client("NotFoundException", "Unable to get budget: " + name + " - the budget doesn't exist.");
        }
        log.detail("limit " + budget.limit() + " actual " + budget.actual());
        ObjectNode out = Json.object();
        ObjectNode json = out.putObject("Budget").put("BudgetName", name).put("BudgetType", "COST").put("TimeUnit", "MONTHLY");
        json.putObject("BudgetLimit").put("Amount", budget.limit().toPlainString()).put("Unit", "USD");
        json.putObject("CalculatedSpend").putObject("ActualSpend").put("Amount", budget.actual().toPlainString()).put("Unit", "USD");
        return AwsResponse.amzJson(out);
    }

    @Override
    public AwsResponse error(AwsError error) {
        return AwsResponse.amzJsonError(error);
    }
}
