package dev.costguard.core.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes {@link Snapshot} as compact JSON. A document longer than {@link #COMPRESS_ABOVE} characters is
 * stored as an envelope {@code {"schemaVersion":2,"encoding":"gzip+base64","data":"..."}} so the snapshot of every
 * function list the Lambda environment can hold (4 KB of names) fits in one SSM parameter (8 KB at most, Advanced
 * or Intelligent-Tiering; 4 KB Standard). Refuses a document of a schema version it does not know rather than guess;
 * reads version 1 (written before items carried {@code unknown}).
 */
public final class SnapshotCodec {

    /** SSM's Standard tier holds 4 KB; below it a snapshot stays readable JSON. */
    public static final int COMPRESS_ABOVE = 4096;
    /** SSM's limit for one parameter value (Advanced / Intelligent-Tiering). */
    public static final int MAX_STORED = 8192;
    public static final String GZIP_BASE64 = "gzip+base64";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SnapshotCodec() {
    }

    /**
     * The stored form; throws {@link SnapshotTooLargeException} when even compressed it exceeds {@link #MAX_STORED}
     * (the caller must then say loudly that the prior state was not saved).
     */
    public static String encode(Snapshot snapshot) {
        String json = write(snapshot);
        if (json.length() <= COMPRESS_ABOVE) {
            return json;
        }
        ObjectNode envelope = MAPPER.createObjectNode();
        envelope.put("schemaVersion", snapshot.schemaVersion());
        envelope.put("encoding", GZIP_BASE64);
        envelope.put("data", Base64.getEncoder().encodeToString(gzip(json)));
        String stored = write(envelope);
        if (stored.length() > MAX_STORED) {
            throw new SnapshotTooLargeException("the snapshot is " + json.length() + " characters of JSON, "
                    + stored.length() + " compressed; an SSM parameter holds at most " + MAX_STORED);
        }
        return stored;
    }

    public static Snapshot decode(String stored) {
        JsonNode tree = tree(stored);
        JsonNode encoding = tree.get("encoding");
        if (encoding != null) {
            if (!GZIP_BASE64.equals(encoding.asText()) || !tree.path("data").isTextual()) {
                throw new IllegalArgumentException("the snapshot has encoding '" + encoding.asText()
                        + "' but this build reads only " + GZIP_BASE64 + " with a \"data\" string");
            }
            tree = tree(gunzip(tree.get("data").textValue()));
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new IllegalArgumentException("the snapshot has no schemaVersion");
        }
        if (version.intValue() != Snapshot.CURRENT_VERSION && version.intValue() != 1) {
            throw new IllegalArgumentException("the snapshot has schemaVersion " + version.intValue()
                    + " but this build reads only 1 and " + Snapshot.CURRENT_VERSION);
        }
        try {
            // Version 1 has the same fields without "unknown": every item it holds was read.
            return MAPPER.treeToValue(tree, Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the snapshot does not match schemaVersion " + version.intValue()
                    + ": " + e.getOriginalMessage());
        }
    }

    private static JsonNode tree(String text) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the snapshot is not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("the snapshot is not a JSON object");
        }
        return tree;
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the snapshot as JSON", e);
        }
    }

    private static byte[] gzip(String json) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String gunzip(String base64) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the compressed snapshot cannot be read: " + e.getMessage());
        }
    }
}
