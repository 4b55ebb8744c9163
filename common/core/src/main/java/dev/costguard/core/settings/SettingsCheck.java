package dev.costguard.core.settings;

import dev.costguard.core.json.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of a function checked together, once, at start-up. When something is wrong, the one
 * {@link InvalidSettingsException} names every bad variable: the function logs it as its first line and every
 * invocation fails with it before any AWS call, so it is the error Lambda returns.
 */
public final class SettingsCheck {

    private final Optional<InvalidSettingsException> failure;

    private SettingsCheck(List<String> problems) {
        this.failure = problems.isEmpty() ? Optional.empty() : Optional.of(new InvalidSettingsException(problems));
    }

    /** Reads every section into one reader, so the problems of all of them end up in one message. */
    public static SettingsCheck of(List<SettingsSection> sections) {
        SettingsReader reader = new SettingsReader();
        for (SettingsSection section : sections) {
            section.read(reader);
        }
        return new SettingsCheck(reader.problems());
    }

    public boolean valid() {
        return failure.isEmpty();
    }

    /** The problems, each starting with its variable's name; empty when every setting is valid. */
    public List<String> problems() {
        return failure.map(InvalidSettingsException::problems).orElse(List.of());
    }

    /** The environment variables that need fixing, each once, in the order found. */
    public List<String> variables() {
        LinkedHashSet<String> variables = new LinkedHashSet<>();
        problems().forEach(problem -> variables.add(problem.split(" ", 2)[0]));
        return List.copyOf(variables);
    }

    /** Throws the one exception naming every bad variable; returns when all settings are valid. */
    public void requireValid() {
        if (failure.isPresent()) {
            // A fresh exception per call: Lambda reports this message, and each stack trace shows the call that hit it.
            throw new InvalidSettingsException(failure.get().problems());
        }
    }

    /** The JSON log line for invalid settings (event "invalid_settings"), for CloudWatch Logs Insights to find. */
    public String logLine(Instant now) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("timestamp", now.toString());
        line.put("level", "ERROR");
        line.put("event", "invalid_settings");
        line.put("message", failure.map(Throwable::getMessage).orElse(""));
        variables().forEach(line.putArray("variables")::add);
        problems().forEach(line.putArray("problems")::add);
        return Json.write(line);
    }
}
