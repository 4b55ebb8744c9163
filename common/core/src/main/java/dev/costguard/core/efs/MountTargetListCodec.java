package dev.costguard.core.efs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The mount-target list as it sits in the SSM parameter:
 * <pre>{"schemaVersion":1,"fileSystemId":"fs-0123","mountTargets":[{"mountTargetId":"fsmt-0a1",
 *   "availabilityZone":"ap-northeast-1a","subnetId":"subnet-0c3","ipAddress":"10.0.1.12",
 *   "lifeCycleState":"available"}]}</pre>
 * An optional {@code "rollout"} says whether the list has reached the consumer service ({@code "pending"} from the
 * publish until its redeploy succeeded, then {@code "done"}; absent means done), so a run can redeploy until it has.
 * Reading is strict (unknown fields, wrong types and other versions are refused with the field named): a router
 * that half-understood the list could route to mount points that do not exist.
 */
public final class MountTargetListCodec {

    public static final int CURRENT_VERSION = 1;

    /** Whether the consumer service has been redeployed since this list was published. */
    public enum Rollout {
        PENDING("pending"), DONE("done");

        private final String word;

        Rollout(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** A list as it sits in the parameter, with its rollout state. */
    public record Published(MountTargetList list, Rollout rollout) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> TOP = Set.of("schemaVersion", "fileSystemId", "mountTargets", "rollout");
    private static final Set<String> ENTRY = Set.of("mountTargetId", "availabilityZone", "subnetId", "ipAddress",
            "lifeCycleState");

    private MountTargetListCodec() {
    }

    /** The list with no rollout marker: what a consumer's default list or a hand-written value looks like. */
    public static String encode(MountTargetList list) {
        return encode(list, null);
    }

    public static String encode(MountTargetList list, Rollout rollout) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", CURRENT_VERSION);
        root.put("fileSystemId", list.fileSystemId());
        ArrayNode targets = root.putArray("mountTargets");
        for (MountTarget target : list.mountTargets()) {
            ObjectNode entry = targets.addObject();
            entry.put("mountTargetId", target.mountTargetId());
            entry.put("availabilityZone", target.availabilityZone());
            entry.put("subnetId", target.subnetId());
            if (target.ipAddress() != null) {
                entry.put("ipAddress", target.ipAddress());
            }
            entry.put("lifeCycleState", target.lifeCycleState());
        }
        if (rollout != null) {
            root.put("rollout", rollout.word());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the mount-target list as JSON", e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong with the document */
    public static MountTargetList decode(String json) {
        return decodePublished(json).list();
    }

    /** The list and its rollout state; @throws IllegalArgumentException naming what is wrong with the document */
    public static Published decodePublished(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the mount-target list is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the mount-target list must be a JSON object");
        }
        unknown(root, TOP, "the mount-target list");
        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.isInt()) {
            throw new IllegalArgumentException("the mount-target list has no whole-number \"schemaVersion\"");
        }
        if (version.intValue() != CURRENT_VERSION) {
            throw new IllegalArgumentException("the mount-target list has schemaVersion " + version.intValue()
                    + " but this build reads only " + CURRENT_VERSION);
        }
        String fileSystemId = text(root, "fileSystemId", "the mount-target list", true);
        JsonNode targets = root.get("mountTargets");
        if (targets == null || !targets.isArray()) {
            throw new IllegalArgumentException("the mount-target list needs \"mountTargets\" as an array");
        }
        List<MountTarget> read = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            JsonNode entry = targets.get(i);
            String where = "mountTargets[" + i + "]";
            if (!entry.isObject()) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            unknown(entry, ENTRY, where);
            read.add(new MountTarget(text(entry, "mountTargetId", where, true),
                    text(entry, "availabilityZone", where, true), text(entry, "subnetId", where, true),
                    text(entry, "ipAddress", where, false), text(entry, "lifeCycleState", where, true)));
        }
        return new Published(new MountTargetList(fileSystemId, read), rollout(root.get("rollout")));
    }

    private static Rollout rollout(JsonNode value) {
        if (value == null) {
            return Rollout.DONE;
        }
        for (Rollout rollout : Rollout.values()) {
            if (value.isTextual() && rollout.word().equals(value.textValue())) {
                return rollout;
            }
        }
        throw new IllegalArgumentException("the mount-target list's \"rollout\" must be \"pending\" or \"done\", not "
                + value);
    }

    private static void unknown(JsonNode node, Set<String> known, String where) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown field(s) " + unknown + " in " + where);
        }
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException(where + " needs \"" + field + "\"");
            }
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException(where + " \"" + field + "\" must be non-empty text, not " + value);
        }
        return value.textValue();
    }
}
