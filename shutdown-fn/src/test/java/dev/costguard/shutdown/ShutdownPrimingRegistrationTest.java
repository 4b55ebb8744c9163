package dev.costguard.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.aws.RawAwsClientConfig;
import dev.costguard.core.fakes.CountingInstance;
import io.quarkus.runtime.StartupEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SnapStart priming is asked for only past a valid settings check: with a bad setting its bean cannot be made. */
class ShutdownPrimingRegistrationTest {

    private final CountingInstance<ShutdownPriming> priming = new CountingInstance<>(ShutdownPriming::new);

    @Test
    void withValidSettingsThePrimingIsMadeToBeRegistered() {
        ShutdownPriming.register(new StartupEvent(), RawAwsClientConfig.defaults().quietGate(List.of()), priming.instance());

        assertThat(priming.made()).isEqualTo(1);
    }

    @Test
    void withABadSettingThePrimingIsNeverMadeSoTheFunctionStillStarts() {
        ShutdownPriming.register(new StartupEvent(), RawAwsClientConfig.defaults().withMaxAttempts("0").quietGate(List.of()),
                priming.instance());

        assertThat(priming.made()).isZero();
    }
}
