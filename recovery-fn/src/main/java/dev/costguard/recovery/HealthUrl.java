package dev.costguard.recovery;

import dev.costguard.core.ports.InstanceStatus;
import java.net.URI;

/**
 * Fills the health URL's {privateIp}/{publicIp} from the started instance: a stopped-then-started host gets a
 * new public IP unless it has an Elastic IP, and the distribution is still disabled when the check runs.
 */
final class HealthUrl {

    private HealthUrl() {
    }

    static URI resolve(String template, InstanceStatus instance) {
        String url = template;
        if (url.contains("{privateIp}")) {
            url = url.replace("{privateIp}", require(instance.privateIp(), "private", instance));
        }
        if (url.contains("{publicIp}")) {
            url = url.replace("{publicIp}", require(instance.publicIp(), "public", instance));
        }
        return URI.create(url);
    }

    private static String require(String ip, String kind, InstanceStatus instance) {
        if (ip == null) {
            throw new IllegalStateException("the health URL needs the " + kind + " IP of " + instance.instanceId()
                    + " but it has none (state " + instance.state().awsName() + ")");
        }
        return ip;
    }
}
