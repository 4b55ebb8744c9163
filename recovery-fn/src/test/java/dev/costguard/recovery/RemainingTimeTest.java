package dev.costguard.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import dev.costguard.core.fakes.FakeTime;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemainingTimeTest {

    private static Context remaining(int millis) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getRemainingTimeInMillis")) {
                        return millis;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @ParameterizedTest(name = "{0} ms left -> steps get {1} s")
    @CsvSource({
        "180000, 170",          // the Terraform module's 180 s timeout, 10 s kept for the report
        "60000, 50",
        "5000, 0",              // less than the reserve: every step is out of time, the report still has 4 s
        "-1733000000, 890",     // the mock event server's Context counts down from 0: Lambda's longest timeout
        "0, 890",
        "2000000000, 890",
    })
    void stepsGetTheContextsTimeMinusTheReportReserve(int millis, long stepSeconds) {
        FakeTime time = new FakeTime();

        Duration forSteps = RemainingTime.deadline(time, remaining(millis)).remaining();

        assertThat(forSteps).isEqualTo(Duration.ofSeconds(stepSeconds));
    }

    @org.junit.jupiter.api.Test
    void theReportKeepsItsReserveMinusALastSecond() {
        FakeTime time = new FakeTime();

        Duration forReport = RemainingTime.deadline(time, remaining(180_000)).forReport().remaining();

        assertThat(forReport).isEqualTo(Duration.ofSeconds(179));
    }
}
