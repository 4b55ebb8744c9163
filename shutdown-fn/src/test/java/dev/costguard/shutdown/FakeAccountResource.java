package dev.costguard.shutdown;

import dev.costguard.demo.FakeAccountServer;
import dev.costguard.demo.FakeAccountTestResource;
import java.util.HashMap;
import java.util.Map;

/** The fake account with the kill switch's settings for it. */
public class FakeAccountResource extends FakeAccountTestResource {

    @Override
    protected Map<String, String> settings(FakeAccountServer server) {
        Map<String, String> settings = new HashMap<>(SAMPLE_KILL_SWITCH);
        settings.put("costguard.alert-topic-arn", "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-alert");
        settings.put("costguard.drain-seconds", "0");
        return settings;
    }
}
