package dev.costguard.core.ports;

import java.util.Collection;
import java.util.Map;

/**
 * The {@code cost-guard:prior-*} tags on one kind of resource: the prior state written on the item itself before the
 * kill switch changes it, so a retried run or a lost snapshot never loses it.
 */
public interface PriorStateTags {

    /** The resource's tags whose key starts with {@code cost-guard:prior-}; empty when it has none. */
    Map<String, String> readPriorTags(String resource);

    /** Adds (or overwrites) these tags on the resource. */
    void writePriorTags(String resource, Map<String, String> tags);

    /** Removes these tag keys from the resource; a key it does not carry is not an error. */
    void removePriorTags(String resource, Collection<String> keys);
}
