package dev.costguard.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.demo.FakeAccountFaults;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's sequence through the packaged kill switch and the fake account: the snapshot write refused once, so
 * run 1 ends in an error and Lambda retries it. The retry finds everything stopped and must record what run 1 saw.
 */
@QuarkusTest
@WithTestResource(RetriedKillSwitchHandlerTest.OwnAccount.class)
class RetriedKillSwitchHandlerTest {

    /** A fresh account of its own. */
    public static class OwnAccount extends FakeAccountResource {
    }

    @ConfigProperty(name = "costguard.aws.endpoint-url")
    String endpoint;

    @Inject
    ShutdownHandler handler;

    @Test
    void aRetryAfterAFailedSnapshotWriteRecordsThePriorStateNotItsOwnWork() throws Exception {
        PriorStateAccount account = new PriorStateAccount(endpoint);
        FakeAccountFaults faults = FakeAccountFaults.ofTestResource();
        faults.call("ssm:PutParameter").times(1).failWith(400, "AccessDeniedException",
                "not authorized to perform ssm:PutParameter");

        assertThat(PriorStateAccount.budgetAlert(handler)).as("run 1 ends in an error so Lambda retries it").isTrue();
        assertThat(account.state().getInt("lambda.relay-default")).isZero();
        assertThat(account.priorTags("relay-default")).containsEntry("cost-guard:prior-reserved-concurrency", "10");
        assertThat(account.priorTags(PriorStateAccount.INSTANCE)).containsEntry("cost-guard:prior-state", "running");
        assertThat(account.priorTags(PriorStateAccount.DISTRIBUTION)).containsEntry("cost-guard:prior-enabled", "true");

        assertThat(PriorStateAccount.budgetAlert(handler)).as("the retry finishes").isFalse();

        PriorStateAccount.assertSampleRecorded(account.snapshot());
        faults.clear();
    }
}
