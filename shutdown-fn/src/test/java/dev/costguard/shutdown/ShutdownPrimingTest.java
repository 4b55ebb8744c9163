package dev.costguard.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.fakes.InMemoryAccount;
import org.junit.jupiter.api.Test;

class ShutdownPrimingTest {

    private final InMemoryAccount account = new InMemoryAccount(ShutdownFixtures.INSTANCE, ShutdownFixtures.DISTRIBUTION,
            ShutdownFixtures.FUNCTIONS.toArray(String[]::new)).withReserved("relay-default", 10);

    private ShutdownPriming priming() {
        ShutdownPriming priming = new ShutdownPriming();
        priming.settings = () -> ShutdownFixtures.settings(false);
        priming.functions = account;
        priming.instances = account;
        priming.distributions = account;
        priming.parameters = account;
        priming.clock = new FakeTime();
        return priming;
    }

    @Test
    void readsOnceThroughEveryAdapterAndChangesNothing() {
        String before = account.state();

        assertThat(priming().prime().failed()).isEmpty();

        assertThat(account.calls()).containsExactly(
                "GetFunctionConcurrency relay-connect",
                "DescribeInstances " + ShutdownFixtures.INSTANCE,
                "GetDistributionConfig " + ShutdownFixtures.DISTRIBUTION,
                "GetParameter " + ShutdownFixtures.settings(false).snapshotParameter());
        assertThat(account.mutatingCalls()).isEmpty();
        assertThat(account.published()).isEmpty();
        assertThat(account.state()).isEqualTo(before);
    }

    @Test
    void aFailedReadDoesNotStopTheOthersNorTheSnapshot() {
        account.failing("DescribeInstances");

        assertThat(priming().prime().failed()).containsExactly("DescribeInstances");

        assertThat(account.calls()).extracting(call -> call.split(" ")[0])
                .containsExactly("GetFunctionConcurrency", "DescribeInstances", "GetDistributionConfig", "GetParameter");
    }
}
