package dev.costguard.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.aws.AwsClientConfig;
import dev.costguard.aws.SettingsGate;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.inject.Instance;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The SnapStart priming is asked for only past a valid settings check: with a bad setting its bean cannot be made. */
class RecoveryPrimingRegistrationTest {

    private final AtomicInteger made = new AtomicInteger();

    /** The container's handle on the priming bean; it only counts how often the bean is asked for. */
    @SuppressWarnings("unchecked")
    private Instance<RecoveryPriming> priming() {
        return (Instance<RecoveryPriming>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { Instance.class }, (proxy, method, args) -> {
                    if (method.getName().equals("get") && method.getParameterCount() == 0) {
                        made.incrementAndGet();
                        return new RecoveryPriming();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static SettingsGate gate(String maxAttempts) {
        return new SettingsGate(List.of(), new AwsClientConfig() {
            public Optional<String> endpointUrl() { return Optional.empty(); }
            public Optional<String> region() { return Optional.empty(); }
            public String maxAttempts() { return maxAttempts; }
            public String callTimeoutSeconds() { return AwsClientConfig.DEFAULT_CALL_TIMEOUT_SECONDS; }
        }, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Clock.systemUTC());
    }

    @Test
    void withValidSettingsThePrimingIsMadeToBeRegistered() {
        RecoveryPriming.register(new StartupEvent(), gate(AwsClientConfig.DEFAULT_MAX_ATTEMPTS), priming());

        assertThat(made).hasValue(1);
    }

    @Test
    void withABadSettingThePrimingIsNeverMadeSoTheFunctionStillStarts() {
        RecoveryPriming.register(new StartupEvent(), gate("0"), priming());

        assertThat(made).hasValue(0);
    }
}
