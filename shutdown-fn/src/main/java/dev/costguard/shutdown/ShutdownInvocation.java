package dev.costguard.shutdown;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Lambda's input: an SNS event (the events library's own type, which Quarkus's Lambda mapper reads with
 * its Joda and case-insensitive settings), or a manual {@code {"reason": "...", "dryRun": true|false}}.
 * Any other top-level field is kept so the reader can refuse it by name.
 */
public class ShutdownInvocation extends SNSEvent {

    private String reason;
    private Boolean dryRun;
    private final Map<String, Object> unknownFields = new TreeMap<>();

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public Boolean getDryRun() {
        return dryRun;
    }

    public void setDryRun(Boolean dryRun) {
        this.dryRun = dryRun;
    }

    @JsonAnySetter
    public void unknownField(String name, Object value) {
        unknownFields.put(name, value);
    }

    public Map<String, Object> unknownFields() {
        return unknownFields;
    }
}
