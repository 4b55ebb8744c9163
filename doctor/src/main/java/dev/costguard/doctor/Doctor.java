package dev.costguard.doctor;

import dev.costguard.core.ports.AccountIdentity.Caller;
import dev.costguard.core.ports.BudgetSpend.Budget;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.ConcurrencyQuota.AccountConcurrency;
import dev.costguard.core.ports.ManagedInstances.ManagedInstance;
import dev.costguard.core.ports.StateBuckets.Posture;
import dev.costguard.core.ports.TaskDefinitions.Container;
import dev.costguard.core.ports.TaskDefinitions.TaskDefinition;
import dev.costguard.core.ports.VpcEndpoints.VpcEndpoint;
import dev.costguard.core.run.StepRunner;
import dev.costguard.core.time.Deadline;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * `make doctor`: read-only checks of what only the account knows, before a deploy. One result per check, in a fixed
 * order; a check that throws is a FAIL carrying AWS's error, and every check runs whatever the others found.
 */
public final class Doctor {

    /** The interface endpoints the efs-scaler module creates, each with private DNS (terraform/modules/efs-scaler). */
    static final List<String> ENDPOINT_SERVICES = List.of("elasticfilesystem", "ec2", "ssm", "ecs", "sns");
    /** What the batch's reused API container must be given (batch-job's settings). */
    static final List<String> DB_VARIABLES = List.of("DB_HOST", "DB_NAME", "DB_USER", "DB_PASSWORD");

    private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "AuthorizationError", "AuthorizationErrorException");

    private final Account account;
    private final StackInputs inputs;
    private final String tfvars;
    private final Optional<String> stateBucket;
    private final Optional<String> shellRegion;
    private final Deadline deadline;
    private Caller caller;

    /**
     * @param tfvars      the tfvars file's path, as the fixes name it
     * @param stateBucket the S3 backend's bucket, empty when the environment keeps its state locally
     * @param shellRegion AWS_REGION of the caller's shell, to warn when it is not the region the stack deploys to
     */
    public Doctor(Account account, StackInputs inputs, String tfvars, Optional<String> stateBucket, Optional<String> shellRegion,
            Deadline deadline) {
        this.account = account;
        this.inputs = inputs;
        this.tfvars = tfvars;
        this.stateBucket = stateBucket;
        this.shellRegion = shellRegion;
        this.deadline = deadline;
    }

    public List<CheckResult> run() {
        List<CheckResult> results = new ArrayList<>();
        results.add(check("credentials", "configure the deployer's credentials (aws configure / aws sso login, or AWS_PROFILE) and run again",
                this::credentials));
        results.add(check("lambda-concurrency", needs("lambda:GetAccountSettings"), this::concurrency));
        results.add(check("relay-functions", "set relay_lambda_function_names in " + tfvars + " to functions that exist in " + inputs.region(),
                this::relayFunctions));
        results.add(check("instance", "set ec2_instance_id in " + tfvars + " to the API host's id (aws ec2 describe-instances)",
                this::instance));
        results.add(check("ssm-agent", needs("ssm:DescribeInstanceInformation"), this::ssmAgent));
        results.add(apiService());
        results.add(check("distribution", "set cloudfront_distribution_id in " + tfvars + " to an existing distribution (aws cloudfront list-distributions)",
                this::distribution));
        results.add(check("ecs-services", "fix ecs_services in " + tfvars + ": each { cluster, service } must exist (aws ecs list-services --cluster <c>)",
                this::ecsServices));
        results.add(check("file-system", "set efs_scaler.file_system_id in " + tfvars + " to an existing file system (aws efs describe-file-systems)",
                this::fileSystem));
        results.add(check("vpc-endpoints", needs("ec2:DescribeVpcEndpoints"), this::vpcEndpoints));
        results.add(check("budget-spend", needs("budgets:ViewBudget"), this::budgetSpend));
        results.add(check("state-bucket", needs("s3:ListBucket, s3:GetBucketVersioning and s3:GetBucketPublicAccessBlock"), this::stateBucket));
        results.add(check("batch-task-definition", "set orchestration.task_definition_arn in " + tfvars + " to the API's task definition (family:revision)",
                this::batchTaskDefinition));
        return results;
    }

    private CheckResult check(String name, String fixOnError, Supplier<CheckResult> body) {
        if (deadline.expired()) {
            return CheckResult.fail(name, "not checked: no time left before the run's deadline", "run again with a larger --timeout-seconds");
        }
        try {
            return body.get();
        } catch (CloudOperationException e) {
            // Denials by name only: an expired or invalid token is a 403 too, and more permissions would not fix it.
            String fix = DENIED.contains(String.valueOf(e.errorCode()))
                    ? "the deployer's credentials may not call " + e.operation() + ": add it (docs/doctor-policy.json)"
                    : fixOnError;
            return CheckResult.fail(name, e.getMessage(), fix);
        } catch (RuntimeException e) {
            return CheckResult.fail(name, StepRunner.describe(e), fixOnError);
        }
    }

    private static String needs(String actions) {
        return "if the error is a permission, the deployer's credentials need " + actions + " (docs/doctor-policy.json); otherwise retry";
    }

    private CheckResult credentials() {
        caller = account.identity().caller();
        String found = caller.arn() + " in account " + caller.accountId() + ", region " + inputs.region();
        if (shellRegion.isPresent() && !shellRegion.get().equals(inputs.region())) {
            return CheckResult.warn("credentials", found + "; your shell's AWS_REGION is " + shellRegion.get(),
                    "the stack deploys to " + inputs.region() + " (region in " + tfvars + "); unset or change AWS_REGION so your own CLI calls look there too");
        }
        return CheckResult.pass("credentials", found);
    }

    private CheckResult concurrency() {
        AccountConcurrency quota = account.quota().read();
        int asked = inputs.reservedTotal();
        int left = quota.unreserved() - asked;
        String found = "limit " + quota.limit() + ", unreserved " + quota.unreserved() + ", this deploy reserves " + asked
                + (inputs.reservations().isEmpty() ? "" : " " + inputs.reservations());
        if (asked > 0 && left < AccountConcurrency.MINIMUM_UNRESERVED) {
            return CheckResult.fail("lambda-concurrency", found + ": that would leave " + left + " unreserved, and Lambda refuses a reservation"
                    + " that leaves fewer than " + AccountConcurrency.MINIMUM_UNRESERVED,
                    "request a higher 'Concurrent executions' quota (Service Quotas, AWS Lambda), or lower "
                            + String.join(", ", inputs.reservations().keySet()) + " in " + tfvars);
        }
        if (quota.limit() < 1000) {
            return CheckResult.warn("lambda-concurrency", found + ": a new account's quota; the relay functions can take all of it",
                    "request 'Concurrent executions' of 1000 in Service Quotas (AWS Lambda) before relying on the kill switch");
        }
        return CheckResult.pass("lambda-concurrency", found);
    }

    private CheckResult relayFunctions() {
        List<String> failed = new ArrayList<>();
        for (String function : inputs.relayFunctions()) {
            try {
                account.functions().reservedConcurrency(function);
            } catch (CloudOperationException e) {
                failed.add("ResourceNotFoundException".equals(e.errorCode()) ? function + " does not exist" : e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            return CheckResult.fail("relay-functions", String.join("; ", failed),
                    "set relay_lambda_function_names in " + tfvars + " to functions that exist in " + inputs.region());
        }
        return CheckResult.pass("relay-functions", inputs.relayFunctions().size() + " found: " + String.join(", ", inputs.relayFunctions()));
    }

    private CheckResult instance() {
        var status = account.instances().describe(inputs.instanceId());
        return CheckResult.pass("instance", inputs.instanceId() + " is " + status.state().awsName());
    }

    private CheckResult ssmAgent() {
        Optional<ManagedInstance> managed = account.managed().find(inputs.instanceId());
        String fix = "on " + inputs.instanceId() + ": run the SSM agent (systemctl status amazon-ssm-agent) and attach an instance profile"
                + " with AmazonSSMManagedInstanceCore; the kill switch stops the API through SSM Run Command";
        if (managed.isEmpty()) {
            return CheckResult.fail("ssm-agent", inputs.instanceId() + " is not managed by SSM (DescribeInstanceInformation does not list it)", fix);
        }
        if (!managed.get().online()) {
            return CheckResult.fail("ssm-agent", inputs.instanceId() + " is managed by SSM but " + managed.get().pingStatus(), fix);
        }
        return CheckResult.pass("ssm-agent", inputs.instanceId() + " Online (agent " + managed.get().agentVersion() + ")");
    }

    private CheckResult apiService() {
        return CheckResult.skip("api-service", "unit '" + inputs.apiServiceName() + "' not checked: only a command on the host (SSM SendCommand)"
                + " can tell, and the doctor only reads; check it once with: aws ssm start-session --target " + inputs.instanceId()
                + ", then systemctl status " + inputs.apiServiceName());
    }

    private CheckResult distribution() {
        boolean enabled = account.distributions().isEnabled(inputs.distributionId());
        return CheckResult.pass("distribution", inputs.distributionId() + " exists (" + (enabled ? "enabled" : "disabled") + ")");
    }

    private CheckResult ecsServices() {
        if (inputs.ecsServices().isEmpty()) {
            return CheckResult.skip("ecs-services", "ecs_services is empty: the business-hours scheduler has nothing to scale");
        }
        List<String> failed = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (String id : inputs.ecsServices()) {
            String[] parts = id.split("/", 2);
            try {
                found.add(id + " (desired " + account.services().desiredCount(parts[0], parts[1]) + ")");
            } catch (CloudOperationException e) {
                failed.add(e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            return CheckResult.fail("ecs-services", String.join("; ", failed),
                    "fix ecs_services in " + tfvars + ": each { cluster, service } must exist (aws ecs list-services --cluster <c>)");
        }
        return CheckResult.pass("ecs-services", String.join(", ", found));
    }

    private CheckResult fileSystem() {
        if (inputs.efsScaler().isEmpty()) {
            return CheckResult.skip("file-system", "efs_scaler is not set");
        }
        String id = inputs.efsScaler().get().fileSystemId();
        int targets = account.mountTargets().list(id).size();
        return CheckResult.pass("file-system", id + " exists with " + targets + " mount target(s)");
    }

    private CheckResult vpcEndpoints() {
        if (inputs.efsScaler().isEmpty()) {
            return CheckResult.skip("vpc-endpoints", "efs_scaler is not set: no VPC endpoints are created");
        }
        StackInputs.EfsScaler efs = inputs.efsScaler().get();
        List<String> taken = new ArrayList<>();
        for (VpcEndpoint endpoint : account.endpoints().inVpc(efs.vpcId())) {
            for (String service : ENDPOINT_SERVICES) {
                if (endpoint.privateDnsEnabled() && endpoint.serviceName().equals("com.amazonaws." + inputs.region() + "." + service)) {
                    taken.add(service + " (" + endpoint.id() + ")");
                }
            }
        }
        if (taken.isEmpty()) {
            return CheckResult.pass("vpc-endpoints", efs.vpcId() + " has no endpoint with private DNS for " + String.join(", ", ENDPOINT_SERVICES));
        }
        String found = efs.vpcId() + " already has endpoints with private DNS for " + String.join(", ", taken)
                + ": a second endpoint of a service with private DNS fails to create";
        String fix = "set efs_scaler.create_vpc_endpoints = false in " + tfvars + " (the function then uses the existing endpoints),"
                + " or remove those endpoints";
        if (efs.createVpcEndpoints().isEmpty()) {
            return CheckResult.warn("vpc-endpoints", found + " (create_vpc_endpoints is not set: the module's default decides)", fix);
        }
        if (!efs.createVpcEndpoints().get()) {
            return CheckResult.pass("vpc-endpoints", "create_vpc_endpoints = false: none created; the existing ones serve " + String.join(", ", taken));
        }
        return CheckResult.fail("vpc-endpoints", found, fix);
    }

    private CheckResult budgetSpend() {
        if (caller == null) {
            return CheckResult.skip("budget-spend", "not checked: needs the account id, and the credentials check failed");
        }
        String name = inputs.namePrefix() + "-monthly-cost";
        Optional<Budget> budget = account.budgets().find(caller.accountId(), name);
        if (budget.isEmpty()) {
            if (inputs.dryRun()) {
                return CheckResult.pass("budget-spend", "budget " + name + " does not exist yet (first deploy); dry_run = true, nothing is armed");
            }
            return CheckResult.warn("budget-spend", "budget " + name + " does not exist yet: month-to-date spend is unknown, and this deploy arms"
                    + " the kill switch (dry_run = false)", "deploy once with dry_run = true, run make doctor again, then arm it");
        }
        BigDecimal limit = inputs.budgetLimit().orElse(budget.get().limit());
        BigDecimal actual = budget.get().actual();
        String found = "month-to-date " + actual.toPlainString() + " " + budget.get().unit() + " against the limit "
                + limit.toPlainString() + " (" + name + ")";
        if (actual.compareTo(limit) >= 0) {
            return CheckResult.warn("budget-spend", found + ": already over it, so an armed kill switch fires at the next Budgets refresh"
                    + (inputs.dryRun() ? " (dry_run = true: reported only)" : ""),
                    "raise budget_limit_amount in " + tfvars + ", or keep dry_run = true until the next month");
        }
        return CheckResult.pass("budget-spend", found);
    }

    private CheckResult stateBucket() {
        if (stateBucket.isEmpty()) {
            return CheckResult.skip("state-bucket", "no S3 backend: this environment keeps its state locally");
        }
        String bucket = stateBucket.get();
        Optional<Posture> posture = account.buckets().posture(bucket);
        if (posture.isEmpty()) {
            return CheckResult.fail("state-bucket", "bucket " + bucket + " does not exist",
                    "create it in the backend's region, turn versioning on and block public access (README, Deploy), or fix bucket in backend.hcl");
        }
        List<String> wrong = new ArrayList<>();
        if (!posture.get().versioned()) {
            wrong.add("versioning is " + posture.get().versioning().orElse("off"));
        }
        if (!posture.get().publicAccessBlocked()) {
            wrong.add("public access is not fully blocked");
        }
        if (!wrong.isEmpty()) {
            return CheckResult.fail("state-bucket", bucket + ": " + String.join(", ", wrong),
                    "aws s3api put-bucket-versioning --bucket " + bucket + " --versioning-configuration Status=Enabled; aws s3api"
                            + " put-public-access-block --bucket " + bucket + " --public-access-block-configuration BlockPublicAcls=true,"
                            + "IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true");
        }
        return CheckResult.pass("state-bucket", bucket + " exists, versioned, public access blocked");
    }

    private CheckResult batchTaskDefinition() {
        if (inputs.orchestration().isEmpty()) {
            return CheckResult.skip("batch-task-definition", "orchestration is not set: no nightly batch");
        }
        StackInputs.Orchestration batch = inputs.orchestration().get();
        if (batch.taskDefinitionArn().isEmpty()) {
            return CheckResult.skip("batch-task-definition", "orchestration does not reuse the API's task definition");
        }
        TaskDefinition definition = account.taskDefinitions().describe(batch.taskDefinitionArn().get());
        Optional<Container> container = definition.container(batch.containerName());
        if (container.isEmpty()) {
            return CheckResult.fail("batch-task-definition", definition.arn() + " has no container '" + batch.containerName() + "' (it has "
                    + definition.containers().stream().map(Container::name).toList() + ")",
                    "set orchestration.container_name in " + tfvars + " to the API container's name");
        }
        List<String> wrong = new ArrayList<>();
        if (!container.get().entryPoint().isEmpty()) {
            wrong.add("it sets ENTRYPOINT " + container.get().entryPoint() + ", so the batch's command override runs as its arguments");
        }
        List<String> missing = DB_VARIABLES.stream().filter(v -> !container.get().has(v)).toList();
        if (!missing.isEmpty()) {
            wrong.add("it is not given " + String.join(", ", missing));
        }
        if (!wrong.isEmpty()) {
            return CheckResult.fail("batch-task-definition", definition.arn() + " container '" + batch.containerName() + "': " + String.join("; ", wrong),
                    "register a revision of the API's task definition without entryPoint and with DB_HOST, DB_NAME, DB_USER, DB_PASSWORD"
                            + " (environment or secrets), and point orchestration.task_definition_arn at it");
        }
        return CheckResult.pass("batch-task-definition", definition.arn() + " container '" + batch.containerName()
                + "': no ENTRYPOINT, gets " + String.join(", ", DB_VARIABLES));
    }
}
