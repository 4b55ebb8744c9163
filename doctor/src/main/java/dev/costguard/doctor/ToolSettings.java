package dev.costguard.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The command line of {@code doctor} and {@code smoke}, checked strictly before any AWS call: an unknown option, a
 * missing value, a file that is not there or a number out of range is an error that names the option.
 */
public record ToolSettings(Command command, String env, Path tfvars, Optional<Path> backend, Optional<Path> outputs,
        Path events, Duration timeout, Duration scheduleWait, Duration scheduleLead, Duration pollInterval,
        Duration executionWait) {

    public enum Command {
        DOCTOR, SMOKE
    }

    /** Every problem of a command line, each naming its option. */
    public static final class InvalidCommandLineException extends IllegalArgumentException {
        private final List<String> problems;

        InvalidCommandLineException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private static final Pattern ENV = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("--env", "the environment (dev, prod)");
        OPTIONS.put("--tfvars", "its terraform.tfvars");
        OPTIONS.put("--backend", "its backend.hcl (the S3 state bucket), when it has one");
        OPTIONS.put("--outputs", "smoke: `terraform output -json` of the environment (names it deployed)");
        OPTIONS.put("--events", "smoke: the folder of sample events (default events)");
        OPTIONS.put("--timeout-seconds", "the whole run's deadline (default doctor 120, smoke 1500)");
        OPTIONS.put("--schedule-wait-seconds", "smoke: how long to wait for the one-off schedule to fire (default 180)");
        OPTIONS.put("--schedule-lead-seconds", "smoke: how far ahead the one-off schedule is set (default 60)");
        OPTIONS.put("--poll-seconds", "smoke: the interval of every wait's polls (default 10)");
        OPTIONS.put("--execution-wait-seconds", "smoke: how long to wait for the state machine (default 900)");
    }

    public static String usage() {
        StringBuilder text = new StringBuilder("usage: doctor|smoke --env <name> --tfvars <file> [options]\n");
        OPTIONS.forEach((option, what) -> text.append("  ").append(option).append(' ').append(what).append('\n'));
        return text.toString();
    }

    public static ToolSettings parse(List<String> args) {
        List<String> problems = new ArrayList<>();
        Command command = null;
        if (args.isEmpty()) {
            problems.add("the command is missing: doctor or smoke");
        } else if (args.get(0).equals("doctor") || args.get(0).equals("smoke")) {
            command = Command.valueOf(args.get(0).toUpperCase(java.util.Locale.ROOT));
        } else {
            problems.add("'" + args.get(0) + "' is not a command: doctor or smoke");
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String option = args.get(i);
            if (!OPTIONS.containsKey(option)) {
                problems.add(option + " is not an option (options: " + String.join(", ", OPTIONS.keySet()) + ")");
            } else if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                problems.add(option + " needs a value (" + OPTIONS.get(option) + ")");
            } else if (given.put(option, args.get(++i)) != null) {
                problems.add(option + " is given twice");
            }
        }
        String env = given.get("--env");
        if (env == null) {
            problems.add("--env is required (" + OPTIONS.get("--env") + ")");
        } else if (!ENV.matcher(env).matches()) {
            problems.add("--env '" + env + "' is not an environment name (lower-case letters, digits, '-')");
        }
        Path tfvars = file(given, "--tfvars", true, problems);
        Optional<Path> backend = Optional.ofNullable(file(given, "--backend", false, problems));
        Optional<Path> outputs = Optional.ofNullable(file(given, "--outputs", false, problems));
        Path events = Path.of(given.getOrDefault("--events", "events"));
        if (command == Command.SMOKE && !Files.isDirectory(events)) {
            problems.add("--events '" + events + "' is not a folder (the sample events, e.g. events)");
        }
        boolean smoke = command == Command.SMOKE;
        Duration timeout = seconds(given, "--timeout-seconds", smoke ? 1500 : 120, 1, 3600, problems);
        Duration scheduleWait = seconds(given, "--schedule-wait-seconds", 180, 1, 900, problems);
        Duration scheduleLead = seconds(given, "--schedule-lead-seconds", 60, 0, 600, problems);
        Duration poll = seconds(given, "--poll-seconds", 10, 1, 60, problems);
        Duration executionWait = seconds(given, "--execution-wait-seconds", 900, 1, 3600, problems);
        if (!problems.isEmpty()) {
            throw new InvalidCommandLineException(problems);
        }
        return new ToolSettings(command, env, tfvars, backend, outputs, events, timeout, scheduleWait, scheduleLead, poll, executionWait);
    }

    private static Path file(Map<String, String> given, String option, boolean required, List<String> problems) {
        String value = given.get(option);
        if (value == null) {
            if (required) {
                problems.add(option + " is required (" + OPTIONS.get(option) + ")");
            }
            return null;
        }
        Path path = Path.of(value);
        if (!Files.isRegularFile(path)) {
            problems.add(option + " '" + value + "' is not a file (" + OPTIONS.get(option) + ")");
            return null;
        }
        return path;
    }

    private static Duration seconds(Map<String, String> given, String option, int fallback, int min, int max, List<String> problems) {
        String value = given.get(option);
        if (value == null) {
            return Duration.ofSeconds(fallback);
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                problems.add(option + " " + n + " is out of range [" + min + ", " + max + "]");
            }
            return Duration.ofSeconds(n);
        } catch (NumberFormatException e) {
            problems.add(option + " '" + value + "' is not a whole number of seconds");
            return Duration.ofSeconds(fallback);
        }
    }
}
