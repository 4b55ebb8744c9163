package dev.costguard.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Two kill switches at once (the budget alert delivered twice): one snapshot, the true one, and tags that agree. */
@QuarkusTest
@WithTestResource(ConcurrentKillSwitchesHandlerTest.OwnAccount.class)
class ConcurrentKillSwitchesHandlerTest {

    /** A fresh account of its own. */
    public static class OwnAccount extends FakeAccountResource {
    }

    @ConfigProperty(name = "costguard.aws.endpoint-url")
    String endpoint;

    @Inject
    ShutdownHandler handler;

    @Test
    void twoConcurrentKillSwitchesRecordTheStateBeforeEitherOfThem() throws Exception {
        PriorStateAccount account = new PriorStateAccount(endpoint);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Boolean> run = () -> PriorStateAccount.budgetAlert(handler);
            List<Future<Boolean>> runs = pool.invokeAll(List.of(run, run));
            for (Future<Boolean> each : runs) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }

        PriorStateAccount.assertSampleRecorded(account.snapshot());
        assertThat(account.priorTags("relay-default")).containsEntry("cost-guard:prior-reserved-concurrency", "10");
        assertThat(account.priorTags(PriorStateAccount.INSTANCE)).containsEntry("cost-guard:prior-state", "running");
        assertThat(account.priorTags(PriorStateAccount.DISTRIBUTION)).containsEntry("cost-guard:prior-enabled", "true");
        assertThat(account.state().getInt("lambda.relay-default")).isZero();
    }
}
