package dev.costguard.demo;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    Router(AccountState account, PrintStream callLog) {
        this.account = account;
        this.callLog = callLog;
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
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            AwsRequest request = AwsRequest.read(exchange);
            ServiceHandler handler = route(request);
            CallLog log = new CallLog(handler.name());
            AwsResponse response;
            AwsError failure = null;
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
            write(exchange, response);
            if (handler.logged()) {
                synchronized (callLog) {
                    callLog.println(log.line(response, failure));
                    callLog.flush();
                }
            }
        }
    }

    private ServiceHandler route(AwsRequest request) {
        String path = request.path();
        if (path.startsWith(DemoStateHandler.PATH_PREFIX)) {
            return demoState;
        }
        if (path.equals("/health")) {
            return health;
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
            return unknown("X-Amz-Target " + target);
        }
        if (request.isFormPost()) {
            Map<String, String> form = request.form();
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
            public AwsResponse handle(AwsRequest request, CallLog log) {
                log.subject(what);
                throw AwsError.client("UnknownOperationException", "The fake account has no service for " + what
                        + " (it plays Lambda, EC2, SSM, CloudFront, SNS, ECS, Application Auto Scaling and EFS)");
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
