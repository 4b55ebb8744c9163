package dev.costguard.core.settings;

import java.util.List;

/** Settings that cannot work, each problem naming the environment variable to fix. */
public class InvalidSettingsException extends IllegalStateException {

    private final List<String> problems;

    public InvalidSettingsException(List<String> problems) {
        super("Invalid Cost Guard settings: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
