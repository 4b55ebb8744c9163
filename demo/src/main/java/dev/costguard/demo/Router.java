package dev.costguard.demo;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Sends each request to the service it is for, the way AWS endpoints tell them apart when all share one host:
 * by path for the REST services, by X-Amz-Target for JSON 1.1, by form Version/Action for the query services.
 */
final class Router implements HttpHandler {

    /** Lambda's REST paths start with an API date; CloudFront's date is matched before this. */
    private static final Pattern LAMBDA_PATH = Pattern.compile("^/\\d{4}-\\d{2}-\\d{2}/");

    private final AccountState account;
    private final PrintStream callLog;
    private final PrintStream callRecords;
    private final ServiceHandler lambda;
    private final ServiceHandler ec2;
    private final ServiceHandler ssm;
    private final ServiceHandler cloudFront;
    private final ServiceHandler sns;
    private final ServiceHandler ecs;
    private final ServiceHandler autoScaling;
    private final ServiceHandler efs;
    private final ServiceHandler health;
    private final ServiceHandler demoState;
    private final ScriptedFaults faults;
    private final ServiceHandler faultControl;
    private final ServiceHandler sts;
    private final ServiceHandler budgets;
    private final ServiceHandler s3;
    private final ServiceHandler scheduler;
    private final ServiceHandler stepFunctions;
    private final ServiceHandler logs;
    private final ServiceHandler stackScript;

    Router(AccountState account, PrintStream callLog, PrintStream callRecords, ScriptedFaults faults) {
        this.account = account;
        this.callLog = callLog;
        this.callRecords = callRecords;
        this.lambda = new LambdaHandler(account);
        this.ec2 = new Ec2Handler(account);
        this.ssm = new SsmHandler(account);
        this.cloudFront = new CloudFrontHandler(account);
        this.sns = new SnsHandler(account);
        this.ecs = new EcsHandler(account);
        this.autoScaling = new AutoScalingHandler(account);
        this.efs = new EfsHandler(account);
        this.health = new HealthHandler(account);
        this.demoState = new DemoStateHandler(account);
        this.faults = faults;
        this.sts = new StsHandler();
        this.budgets = new BudgetsHandler(account);
        this.s3 = new S3Handler(account);
        this.scheduler = new SchedulerHandler(account);
        this.stepFunctions = new StepFunctionsHandler(account);
        this.logs = new LogsHandler(account);
        this.stackScript = new StackScriptHandler(account);
        Map<String, ServiceHandler> faultable = new LinkedHashMap<>();
        for (ServiceHandler service : List.of(lambda, ec2, ssm, cloudFront, sns, ecs, autoScaling, efs, health,
                sts, budgets, s3, scheduler, stepFunctions, logs)) {
            faultable.put(service.name(), service);
        }
        this.faultControl = new FaultsHandler(account, faults, faultable);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        AwsRequest request;
        try {
            request = AwsRequest.read(exchange);
        } catch (IOException e) {
            exchange.close();
            throw e;
        }
        ServiceHandler handler = route(request);
        CallLog log = new CallLog(handler.name());
        // Faults are looked up before the account lock: a delayed or unanswered call must not hold up the others.
        ScriptedFaults.CallFault fault = handler.logged() ? faults.take(handler.name(), handler.operation(request), request) : null;
        if (fault != null) {
            log.operation(handler.operation(request)).subject(fault.resource() == null ? "" : fault.resource()).fault(fault.describe());
            if (!waitOut(fault.delayMillis())) {
                exchange.close();
                return;
            }
            if (fault.noAnswer()) {
                print(log.unanswered(), log, request);
                faults.hold(exchange);
                return;
            }
        }
        try (exchange) {
            AwsResponse response;
            AwsError failure = null;
            if (fault != null && fault.error() != null) {
                failure = fault.error();
                response = handler.error(failure);
            } else {
                // One lock for the whole account makes every call atomic, as each AWS API call is.
                synchronized (account) {
                    try {
                        response = handler.handle(request, log);
                    } catch (AwsError e) {
                        failure = e;
                        response = handler.error(e);
                    } catch (RuntimeException e) {
                        failure = new AwsError(500, "InternalFailure", "The fake account failed: " + e);
                        response = handler.error(failure);
                        e.printStackTrace();
                    }
                }
            }
            // Logged before the answer goes out: a caller that reads the log right after its call must find it.
            if (handler.logged()) {
                print(log.line(response, failure), log, request);
            }
            write(exchange, response);
        }
    }

    private void print(String line, CallLog log, AwsRequest request) {
        synchronized (callLog) {
            callLog.println(line);
            callLog.flush();
        }
        if (callRecords != null) {
            synchronized (callRecords) {
                callRecords.println(log.record(signed(request)));
                callRecords.flush();
            }
        }
    }

    /** An AWS SDK call carries a Signature Version 4 signature; a test's own setup call to the account does not. */
    private static boolean signed(AwsRequest request) {
        String authorization = request.header("Authorization");
        return authorization != null && authorization.startsWith("AWS4-HMAC-SHA256 ");
    }

    /** A scripted delay; false when the server is shutting down meanwhile. */
    private static boolean waitOut(long millis) {
        if (millis <= 0) {
            return true;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ServiceHandler route(AwsRequest request) {
        String path = request.path();
        if (path.equals(FaultsHandler.PATH) || path.startsWith(FaultsHandler.PATH + "/")) {
            return faultControl;
        }
        if (StackScriptHandler.handles(path)) {
            return stackScript;
        }
        if (path.startsWith(DemoStateHandler.PATH_PREFIX)) {
            return demoState;
        }
        if (path.equals("/health")) {
            return health;
        }
        if (S3Handler.isS3(request)) {
            return s3;
        }
        if (path.startsWith(SchedulerHandler.PATH_PREFIX)) {
            return scheduler;
        }
        if (path.startsWith(CloudFrontHandler.PATH_PREFIX)) {
            return cloudFront;
        }
        // EFS's API date looks like Lambda's: it goes first.
        if (path.startsWith(EfsHandler.PATH_PREFIX)) {
            return efs;
        }
        if (LAMBDA_PATH.matcher(path).find()) {
            return lambda;
        }
        String target = request.header("X-Amz-Target");
        if (target != null) {
            if (target.startsWith(SsmHandler.TARGET_PREFIX)) {
                return ssm;
            }
            if (target.startsWith(EcsHandler.TARGET_PREFIX)) {
                return ecs;
            }
            if (target.startsWith(AutoScalingHandler.TARGET_PREFIX)) {
                return autoScaling;
            }
            if (target.startsWith(BudgetsHandler.TARGET_PREFIX)) {
                return budgets;
            }
            if (target.startsWith(StepFunctionsHandler.TARGET_PREFIX)) {
                return stepFunctions;
            }
            if (target.startsWith(LogsHandler.TARGET_PREFIX)) {
                return logs;
            }
            return unknown("X-Amz-Target " + target);
        }
        if (request.isFormPost()) {
            Map<String, String> form = request.form();
            if (StsHandler.API_VERSION.equals(form.get("Version"))) {
                return sts;
            }
            boolean isSns = SnsHandler.API_VERSION.equals(form.get("Version"))
                    || (form.get("Version") == null && "Publish".equals(form.get("Action")));
            return isSns ? sns : ec2;
        }
        return unknown(request.method() + " " + path);
    }

    private static ServiceHandler unknown(String what) {
        return new ServiceHandler() {
            @Override
            public String name() {
                return "unknown";
            }

            @Override
            public List<String> operations() {
                return List.of();
            }

            @Override
            public String operation(AwsRequest request) {
                return "?";
            }

            @Override
            public AwsResponse handle(AwsRequest request, CallLog log) {
                log.subject(what);
                throw AwsError.client("UnknownOperationException", "The fake account has no service for " + what
                        + " (it plays Lambda, EC2, SSM, CloudFront, SNS, ECS, Application Auto Scaling, EFS, STS, Budgets, S3, Scheduler, Step Functions and CloudWatch Logs)");
            }

            @Override
            public AwsResponse error(AwsError error) {
                return AwsResponse.amzJsonError(error);
            }
        };
    }

    private static void write(HttpExchange exchange, AwsResponse response) throws IOException {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        Headers headers = exchange.getResponseHeaders();
        if (response.contentType() != null) {
            headers.set("Content-Type", response.contentType());
        }
        headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
        response.headers().forEach(headers::set);
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
