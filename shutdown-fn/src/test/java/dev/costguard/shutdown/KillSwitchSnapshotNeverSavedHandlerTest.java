package dev.costguard.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.demo.FakeAccountFaults;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The snapshot write refused on the run and on its retry: the tags on the items are then the whole record. */
@QuarkusTest
@WithTestResource(KillSwitchSnapshotNeverSavedHandlerTest.OwnAccount.class)
class KillSwitchSnapshotNeverSavedHandlerTest {

    /** A fresh account of its own. */
    public static class OwnAccount extends FakeAccountResource {
    }

    @ConfigProperty(name = "costguard.aws.endpoint-url")
    String endpoint;

    @Inject
    ShutdownHandler handler;

    @Test
    void bothRunsLeaveTheTruePriorStateOnTheItemsAndAFunctionAtZeroIsRecordedAtZero() throws Exception {
        PriorStateAccount account = new PriorStateAccount(endpoint);
        // Parked at 0 on purpose before the budget alert: it must come back at 0.
        account.reserve("relay-connect", 0);
        FakeAccountFaults faults = FakeAccountFaults.ofTestResource();
        faults.call("ssm:PutParameter").failWith(400, "AccessDeniedException", "not authorized to perform ssm:PutParameter");

        assertThat(PriorStateAccount.budgetAlert(handler)).isTrue();
        assertThat(PriorStateAccount.budgetAlert(handler)).as("the retry cannot save the snapshot either").isTrue();

        assertThat(account.state().getList("ssm.parameters")).doesNotContain(PriorStateAccount.SNAPSHOT);
        assertThat(account.priorTags("relay-connect")).containsEntry("cost-guard:prior-reserved-concurrency", "0");
        assertThat(account.priorTags("relay-disconnect")).containsEntry("cost-guard:prior-reserved-concurrency", "none");
        assertThat(account.priorTags("relay-default")).containsEntry("cost-guard:prior-reserved-concurrency", "10");
        assertThat(account.priorTags(PriorStateAccount.INSTANCE)).containsEntry("cost-guard:prior-state", "running");
        assertThat(account.priorTags(PriorStateAccount.DISTRIBUTION)).containsEntry("cost-guard:prior-enabled", "true");
        Map<String, String> first = account.priorTags("relay-default");
        assertThat(first).containsKey("cost-guard:prior-recorded-at");
        faults.clear();
    }
}
