package dev.costguard.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.ports.InstanceState;
import dev.costguard.core.ports.InstanceStatus;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The health URL gets the started instance's addresses: a restarted host without an Elastic IP has a new public IP. */
class HealthUrlTest {

    private static final String INSTANCE = "i-0123456789abcdef0";

    @Test
    void aPublicIpPlaceholderGetsTheInstancesPublicIp() {
        InstanceStatus running = new InstanceStatus(INSTANCE, InstanceState.RUNNING, "10.0.1.23", "203.0.113.10");

        assertThat(HealthUrl.resolve("http://{publicIp}:8080/health", running))
                .isEqualTo(URI.create("http://203.0.113.10:8080/health"));
    }

    @Test
    void aPrivateIpUrlNeedsNoPublicIp() {
        InstanceStatus privateOnly = new InstanceStatus(INSTANCE, InstanceState.RUNNING, "10.0.1.23", null);

        assertThat(HealthUrl.resolve("http://{privateIp}:8080/health", privateOnly))
                .isEqualTo(URI.create("http://10.0.1.23:8080/health"));
    }

    @Test
    void aFixedUrlIsTakenAsItIs() {
        InstanceStatus noAddress = new InstanceStatus(INSTANCE, InstanceState.RUNNING, null, null);

        assertThat(HealthUrl.resolve("https://api.example.com/health", noAddress))
                .isEqualTo(URI.create("https://api.example.com/health"));
    }

    @Test
    void aPublicIpPlaceholderOnAnInstanceWithoutOneNamesWhatIsMissing() {
        InstanceStatus privateOnly = new InstanceStatus(INSTANCE, InstanceState.RUNNING, "10.0.1.23", null);

        assertThatThrownBy(() -> HealthUrl.resolve("http://{publicIp}:8080/health", privateOnly))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the health URL needs the public IP of " + INSTANCE + " but it has none (state running)");
    }
}
