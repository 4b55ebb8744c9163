package dev.costguard.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What `make doctor` reads before a deploy and what `make smoke` drives after one: the account's Lambda quota, SSM's
 * managed instances, VPC endpoints, budgets, state buckets, and Cost Guard's own deployed functions (their `live`
 * aliases, what each answers, their log groups), its schedules and its state machines. Kept apart from the rest of
 * {@link AccountState} so the kill switch's resources stay as they were; guarded by the same account lock.
 */
final class DeployedStack {

    /** The prefix of the sample deployment (terraform name_prefix). */
    static final String PREFIX = "costguard-demo";
    static final String SCHEDULE_GROUP = PREFIX + "-kill-switch";
    static final String SCHEDULER_ROLE = "arn:aws:iam::" + AccountState.ACCOUNT_ID + ":role/" + PREFIX + "-recovery-scheduler";
    static final String STATE_MACHINE = "arn:aws:states:" + AccountState.REGION + ":" + AccountState.ACCOUNT_ID
            + ":stateMachine:" + PREFIX + "-nightly-batch";
    /** A state machine whose every execution fails, as a batch with a broken task definition does. */
    static final String FAILING_STATE_MACHINE = "arn:aws:states:" + AccountState.REGION + ":" + AccountState.ACCOUNT_ID
            + ":stateMachine:costguard-broken-nightly-batch";

    /** What a function returns when invoked, and the function error Lambda reports with it (null when none). */
    record Answer(String payload, String functionError) {
    }

    record LogEvent(Instant at, String message) {
    }

    record VpcEndpoint(String id, String vpcId, String serviceName, String type, boolean privateDns) {
    }

    record Budget(String name, BigDecimal limit, BigDecimal actual) {
    }

    /** versioning: Enabled, Suspended, or null when never turned on. */
    record Bucket(String name, String versioning, boolean publicAccessBlocked) {
    }

    static final class Schedule {
        final String group;
        final String name;
        final String expression;
        final String targetArn;
        final String roleArn;
        final String input;
        final String actionAfterCompletion;
        boolean fired;

        Schedule(String group, String name, String expression, String targetArn, String roleArn, String input,
                String actionAfterCompletion) {
            this.group = group;
            this.name = name;
            this.expression = expression;
            this.targetArn = targetArn;
            this.roleArn = roleArn;
            this.input = input;
            this.actionAfterCompletion = actionAfterCompletion;
        }
    }

    /** A state machine's scripted end: every execution runs once, then ends so. */
    record StateMachine(String arn, String status, String output, String error, String cause) {
    }

    static final class Execution {
        final String arn;
        final StateMachine machine;
        final String input;
        final Instant startedAt;
        int looks;

        Execution(String arn, StateMachine machine, String input, Instant startedAt) {
            this.arn = arn;
            this.machine = machine;
            this.input = input;
            this.startedAt = startedAt;
        }
    }

    /** The account's concurrency quota (GetAccountSettings): 1000 by default, 10 or 50 in new accounts. */
    int concurrencyLimit = 1000;
    final Map<String, String> managedInstances = new LinkedHashMap<>();
    final List<VpcEndpoint> vpcEndpoints = new ArrayList<>();
    final Map<String, Budget> budgets = new LinkedHashMap<>();
    final Map<String, Bucket> buckets = new LinkedHashMap<>();
    /** function:alias pairs that exist. */
    final Set<String> aliases = new LinkedHashSet<>();
    final Map<String, Answer> answers = new LinkedHashMap<>();
    final Map<String, List<LogEvent>> logGroups = new LinkedHashMap<>();
    final Map<String, Schedule> schedules = new LinkedHashMap<>();
    /** Roles whose trust policy lets EventBridge Scheduler assume them. */
    final Set<String> schedulerRoles = new LinkedHashSet<>();
    final Map<String, StateMachine> stateMachines = new LinkedHashMap<>();
    final Map<String, Execution> executions = new LinkedHashMap<>();

    /** The sample deployment: every doctor check passes, every smoke step works. */
    static void sample(AccountState account) {
        DeployedStack stack = account.stack;
        Instant now = account.now();
        stack.managedInstances.put(AccountState.INSTANCE_ID, "Online");
        // An instance SSM lost touch with (its agent stopped), for the doctor's failing case.
        stack.managedInstances.put("i-0c0ffee5eed000002", "ConnectionLost");
        // The default VPC already has an SSM endpoint owning ssm's private DNS name; the EFS VPC has none.
        stack.vpcEndpoints.add(new VpcEndpoint("vpce-0de0fa017c0a0001a", AccountState.DEFAULT_VPC,
                "com.amazonaws." + AccountState.REGION + ".ssm", "Interface", true));
        stack.budgets.put(PREFIX + "-monthly-cost", new Budget(PREFIX + "-monthly-cost", new BigDecimal("20.0"), new BigDecimal("3.12")));
        stack.budgets.put("costguard-over-monthly-cost", new Budget("costguard-over-monthly-cost", new BigDecimal("20.0"), new BigDecimal("27.40")));
        stack.buckets.put("costguard-demo-state", new Bucket("costguard-demo-state", "Enabled", true));
        stack.buckets.put("costguard-open-state", new Bucket("costguard-open-state", null, false));
        for (Map.Entry<String, List<String>> function : PHASES.entrySet()) {
            String name = PREFIX + "-" + function.getKey();
            AccountState.LambdaFunction deployed = new AccountState.LambdaFunction(name, null);
            deployed.runtime = "provided.al2023";
            deployed.handler = "bootstrap";
            deployed.lastModified = now;
            account.functions.put(name, deployed);
            stack.aliases.add(name + ":live");
            stack.answers.put(name, new Answer(dryRunReport(function.getKey(), function.getValue()), null));
            stack.logGroups.put("/aws/lambda/" + name, new ArrayList<>());
        }
        stack.schedulerRoles.add(SCHEDULER_ROLE);
        String recovery = "arn:aws:lambda:" + AccountState.REGION + ":" + AccountState.ACCOUNT_ID + ":function:" + PREFIX + "-recovery:live";
        // In the kill switch's own schedule group, as terraform/modules/kill-switch names it.
        stack.schedules.put(SCHEDULE_GROUP + "/" + PREFIX + "-recovery", new Schedule(SCHEDULE_GROUP, PREFIX + "-recovery", "cron(5 0 1 * ? *)",
                recovery, SCHEDULER_ROLE, "{\"source\":\"cost-guard.schedule\",\"trigger\":\"schedule\"}", "NONE"));
        stack.stateMachines.put(STATE_MACHINE, new StateMachine(STATE_MACHINE, "SUCCEEDED",
                "{\"dryRun\":true,\"result\":\"dry run: nothing was changed\"}", null, null));
        stack.stateMachines.put(FAILING_STATE_MACHINE, new StateMachine(FAILING_STATE_MACHINE, "FAILED", null,
                "States.TaskFailed", "The batch task exited with code 1"));
        registerApiTaskDefinitions(account);
    }

    /** The phases each Cost Guard function reports, in order, as its dry run reports them. */
    static final Map<String, List<String>> PHASES = Map.of(
            "shutdown", List.of("guard", "snapshot", "throttle-functions", "drain", "stop-api-service", "stop-instance", "disable-distribution"),
            "recovery", List.of("assess", "start-instance", "health-check", "restore-functions", "enable-distribution", "clear-snapshot", "unknown-items"),
            "ecs-scheduler", List.of("guard", "remember", "stop-services"),
            "efs-scaler", List.of("count", "threshold", "survey", "mount-target", "publish", "redeploy"));

    /** A dry run's report as the function returns it: overall_success and one step per phase. */
    static String dryRunReport(String function, List<String> phases) {
        ObjectNode report = Json.object().put("function", function).put("trigger", "manual").put("dry_run", true)
                .put("outcome", "SKIPPED").put("overall_success", true).put("summary", "dry run: nothing was changed");
        ArrayNode steps = report.putArray("steps");
        phases.forEach(phase -> steps.addObject().put("name", phase).put("status", "SKIPPED").put("detail", "dry run"));
        return Json.write(report);
    }

    /** The API's task definition the batch reuses (good), and an older one with an ENTRYPOINT and no password. */
    private static void registerApiTaskDefinitions(AccountState account) {
        ObjectNode good = Json.object().put("family", "nostr-api");
        ObjectNode api = good.putArray("containerDefinitions").addObject().put("name", "api").put("image", "nostr-api:1");
        ArrayNode env = api.putArray("environment");
        for (String name : List.of("DB_HOST", "DB_NAME", "DB_USER")) {
            env.addObject().put("name", name).put("value", name.toLowerCase());
        }
        api.putArray("secrets").addObject().put("name", "DB_PASSWORD")
                .put("valueFrom", "arn:aws:ssm:" + AccountState.REGION + ":" + AccountState.ACCOUNT_ID + ":parameter/nostr/db-password");
        account.taskDefinitions.put("nostr-api", new ArrayList<>(List.of(new AccountState.TaskDefinition("nostr-api", 1, good))));
        ObjectNode legacy = Json.object().put("family", "nostr-api-legacy");
        ObjectNode old = legacy.putArray("containerDefinitions").addObject().put("name", "api").put("image", "nostr-api:0");
        old.putArray("entryPoint").add("/bin/sh").add("-c");
        old.putArray("environment").addObject().put("name", "DB_HOST").put("value", "db");
        account.taskDefinitions.put("nostr-api-legacy", new ArrayList<>(List.of(new AccountState.TaskDefinition("nostr-api-legacy", 1, legacy))));
    }
}
