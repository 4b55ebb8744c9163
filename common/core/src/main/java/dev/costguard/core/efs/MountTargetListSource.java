package dev.costguard.core.efs;

import dev.costguard.core.ports.Parameters;
import dev.costguard.core.run.StepRunner;
import java.util.Optional;

/**
 * Where a consumer gets its mount-target list: the SSM parameter the scaler writes, or, when SSM cannot be read,
 * has no such parameter or holds a list this build cannot read, the default list the service was configured with
 * (req 6.4). A service must still start while SSM is down; the answer says which list it got and why.
 */
public final class MountTargetListSource {

    /** The list in use, where it came from, and why the fallback was taken (empty when SSM answered). */
    public record Loaded(MountTargetList list, Origin origin, Optional<String> fallbackReason) {
    }

    public enum Origin { PARAMETER, DEFAULT }

    private final Parameters parameters;
    private final String parameterName;
    private final MountTargetList defaultList;

    public MountTargetListSource(Parameters parameters, String parameterName, MountTargetList defaultList) {
        this.parameters = parameters;
        this.parameterName = parameterName;
        this.defaultList = defaultList;
    }

    public Loaded load() {
        Optional<String> raw;
        try {
            raw = parameters.get(parameterName);
        } catch (RuntimeException e) {
            return fallback("reading " + parameterName + " failed: " + StepRunner.describe(e));
        }
        if (raw.isEmpty()) {
            return fallback(parameterName + " does not exist");
        }
        MountTargetList list;
        try {
            list = MountTargetListCodec.decode(raw.get());
        } catch (IllegalArgumentException e) {
            return fallback(parameterName + " holds a list this build cannot read: " + e.getMessage());
        }
        if (list.available().isEmpty()) {
            return fallback(parameterName + " lists no available mount target");
        }
        return new Loaded(list, Origin.PARAMETER, Optional.empty());
    }

    private Loaded fallback(String reason) {
        return new Loaded(defaultList, Origin.DEFAULT, Optional.of(reason));
    }
}
