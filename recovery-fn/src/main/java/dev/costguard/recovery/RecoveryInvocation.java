package dev.costguard.recovery;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Lambda's input: the schedule's explicit {@code {"source": "cost-guard.schedule", "trigger": "schedule"}},
 * or a manual {@code {}} (optionally {@code {"dryRun": true}}). Other fields are kept so they can be refused by name.
 */
public class RecoveryInvocation {

    private String source;
    private String trigger;
    private Boolean dryRun;
    private final Map<String, Object> unknownFields = new TreeMap<>();

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getTrigger() {
        return trigger;
    }

    public void setTrigger(String trigger) {
        this.trigger = trigger;
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
