package dev.costguard.recovery;

import dev.costguard.demo.FakeAccountServer;
import dev.costguard.demo.FakeAccountTestResource;
import java.util.HashMap;
import java.util.Map;

/** The fake account with recovery's settings for it; the health URL reaches the fake's own /health. */
public class FakeAccountResource extends FakeAccountTestResource {

    @Override
    protected Map<String, String> settings(FakeAccountServer server) {
        Map<String, String> settings = new HashMap<>(SAMPLE_KILL_SWITCH);
        settings.put("costguard.health-url", "http://{privateIp}:" + server.port() + "/health");
        settings.put("costguard.health-interval-seconds", "0");
        settings.put("costguard.start-timeout-seconds", "30");
        return settings;
    }
}
