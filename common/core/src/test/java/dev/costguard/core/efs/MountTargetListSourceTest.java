package dev.costguard.core.efs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.efs.MountTargetListSource.Origin;
import dev.costguard.core.fakes.InMemoryParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountTargetListSourceTest {

    private static final String PARAMETER = "/cost-guard/dev/efs-mount-targets";
    private static final MountTargetList DEFAULT = new MountTargetList("fs-1", List.of(
            new MountTarget("fsmt-a", "ap-northeast-1a", "subnet-a", "10.0.1.5", "available")));
    private static final MountTargetList PUBLISHED = new MountTargetList("fs-1", List.of(
            new MountTarget("fsmt-a", "ap-northeast-1a", "subnet-a", "10.0.1.5", "available"),
            new MountTarget("fsmt-c", "ap-northeast-1c", "subnet-c", "10.0.3.5", "available")));

    private final InMemoryParameters account = new InMemoryParameters();

    @Test
    void usesThePublishedListWhenSsmAnswers() {
        account.put(PARAMETER, MountTargetListCodec.encode(PUBLISHED));

        MountTargetListSource.Loaded loaded = new MountTargetListSource(account, PARAMETER, DEFAULT).load();

        assertThat(loaded.list()).isEqualTo(PUBLISHED);
        assertThat(loaded.origin()).isEqualTo(Origin.PARAMETER);
        assertThat(loaded.fallbackReason()).isEmpty();
    }

    @Test
    void fallsBackToTheDefaultListWhenSsmFails() {
        InMemoryParameters failing = new InMemoryParameters().with(PARAMETER, MountTargetListCodec.encode(PUBLISHED))
                .failing("GetParameter");

        MountTargetListSource.Loaded loaded = new MountTargetListSource(failing, PARAMETER, DEFAULT).load();

        assertThat(loaded.list()).isEqualTo(DEFAULT);
        assertThat(loaded.origin()).isEqualTo(Origin.DEFAULT);
        assertThat(loaded.fallbackReason()).hasValue("reading " + PARAMETER + " failed: GetParameter " + PARAMETER
                + " failed: InternalServerError (HTTP 500)");
    }

    @Test
    void fallsBackWhenTheParameterIsMissingUnreadableOrEmpty() {
        MountTargetListSource source = new MountTargetListSource(account, PARAMETER, DEFAULT);
        assertThat(source.load().fallbackReason()).hasValue(PARAMETER + " does not exist");

        account.put(PARAMETER, "{\"schemaVersion\":9}");
        assertThat(source.load().origin()).isEqualTo(Origin.DEFAULT);
        assertThat(source.load().fallbackReason().get()).contains("holds a list this build cannot read");

        account.put(PARAMETER, MountTargetListCodec.encode(new MountTargetList("fs-1", List.of())));
        assertThat(source.load().fallbackReason()).hasValue(PARAMETER + " lists no available mount target");
        assertThat(source.load().list()).isEqualTo(DEFAULT);
    }
}
