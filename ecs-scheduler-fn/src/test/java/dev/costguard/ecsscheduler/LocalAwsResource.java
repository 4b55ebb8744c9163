package dev.costguard.ecsscheduler;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One WireMock server playing every AWS endpoint the function calls (ECS, Application Auto Scaling, SSM, SNS),
 * and the function's settings pointed at it, as the Terraform module would set them.
 */
public class LocalAwsResource implements QuarkusTestResourceLifecycleManager {

    static final String CLUSTER = "bookmark-manager-staging-cluster";
    static final String WEB = "bookmark-manager-staging-web";
    static final String API = "bookmark-manager-staging-api";
    static final String SNAPSHOT = "/cost-guard/staging/ecs-scheduler-snapshot";
    static final String RESULT = "arn:aws:sns:eu-west-1:123456789012:cost-guard-results";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return Map.ofEntries(
                Map.entry("costguard.aws.endpoint-url", server.baseUrl()),
                Map.entry("costguard.aws.region", "eu-west-1"),
                Map.entry("costguard.aws.max-attempts", "1"),
                Map.entry("costguard.services", CLUSTER + "/" + WEB + "," + CLUSTER + "/" + API),
                Map.entry("costguard.snapshot-parameter", SNAPSHOT),
                Map.entry("costguard.default-desired-count", "1"),
                // A date long past, so a scheduled start is never skipped whatever day the tests run.
                Map.entry("costguard.skip-dates", "2000-01-01"),
                Map.entry("costguard.time-zone", "Asia/Tokyo"),
                Map.entry("costguard.result-topic-arn", RESULT),
                Map.entry("costguard.dry-run", "false"));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.MatchesType(WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
