package dev.costguard.core.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Reads and writes {@link Snapshot}; refuses a document of a schema version it does not know rather than guess. */
public final class SnapshotCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SnapshotCodec() {
    }

    public static String encode(Snapshot snapshot) {
        try {
            return MAPPER.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the snapshot as JSON", e);
        }
    }

    public static Snapshot decode(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the snapshot is not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("the snapshot is not a JSON object");
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new IllegalArgumentException("the snapshot has no schemaVersion");
        }
        if (version.intValue() != Snapshot.CURRENT_VERSION) {
            throw new IllegalArgumentException("the snapshot has schemaVersion " + version.intValue()
                    + " but this build reads only " + Snapshot.CURRENT_VERSION);
        }
        try {
            return MAPPER.treeToValue(tree, Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the snapshot does not match schemaVersion "
                    + Snapshot.CURRENT_VERSION + ": " + e.getOriginalMessage());
        }
    }
}
