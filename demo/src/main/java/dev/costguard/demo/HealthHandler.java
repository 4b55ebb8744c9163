package dev.costguard.demo;

import java.time.Instant;
import java.util.List;

/** The relay's own health endpoint, as a load balancer or the recovery function would call it on the host. */
final class HealthHandler implements ServiceHandler {

    private final AccountState account;

    HealthHandler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "health";
    }

    @Override
    public List<String> operations() {
        return List.of("GET /health");
    }

    @Override
    public String operation(AwsRequest request) {
        return request.method() + " " + request.path();
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        log.operation(operation(request));
        Instant now = account.now();
        // The relay host is the first instance running the API unit: the sample's own, or one a seeder launched.
        Instance host = account.instances.values().stream().filter(i -> i.hasUnit(AccountState.API_UNIT)).findFirst().orElse(null);
        if (host == null) {
            log.detail("no host runs " + AccountState.API_UNIT);
            return AwsResponse.text(503, "application/json", "{\"status\":\"unavailable\"}");
        }
        Instance.State state = host.state(now, false);
        boolean healthy = host.unitActive(AccountState.API_UNIT, now);
        log.detail("instance " + state.apiName + ", " + AccountState.API_UNIT + " " + (healthy ? "active" : "inactive"));
        String body = healthy ? "{\"status\":\"ok\"}" : "{\"status\":\"unavailable\"}";
        return AwsResponse.text(healthy ? 200 : 503, "application/json", body);
    }

    @Override
    public AwsResponse error(AwsError error) {
        return AwsResponse.text(error.status(), "text/plain", error.getMessage());
    }
}
