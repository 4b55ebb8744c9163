package dev.costguard.core.settings;

import dev.costguard.core.ports.ServiceId;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks raw setting strings and collects every problem, each naming the environment variable that sets it
 * (property {@code costguard.instance-id} is variable {@code COSTGUARD_INSTANCE_ID}), then fails once with all of them.
 */
public final class SettingsReader {

    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:sns:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

    private static final Pattern FUNCTION =
            Pattern.compile("(arn:aws(-[a-z]+)*:lambda:[a-z0-9-]+:\\d{12}:function:)?[A-Za-z0-9_-]{1,64}");
    private static final Pattern INSTANCE = Pattern.compile("i-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern DISTRIBUTION = Pattern.compile("[A-Z0-9]{8,20}");
    /** SSM: letters, digits, _.- and / between levels; at most 1011 characters (2048 less 1037 kept by AWS). */
    private static final Pattern PARAMETER = Pattern.compile("(?=.{1,1011}$)/?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

    private final List<String> problems = new ArrayList<>();

    /** The environment variable Quarkus reads for a property. */
    public static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    public String required(String property, Optional<String> raw, String what) {
        Optional<String> value = present(raw);
        if (value.isEmpty()) {
            problems.add(envName(property) + " is required (" + what + ")");
            return null;
        }
        return value.get();
    }

    public Optional<String> optional(Optional<String> raw) {
        return present(raw);
    }

    public String matching(String property, Optional<String> raw, Pattern pattern, String what, String shape) {
        String value = required(property, raw, what);
        if (value != null && !pattern.matcher(value).matches()) {
            problems.add(envName(property) + " '" + value + "' is not " + shape);
            return null;
        }
        return value;
    }

    /** A comma-separated list with no empty entries and no duplicates. */
    public List<String> list(String property, Optional<String> raw, String what, boolean required) {
        Optional<String> value = present(raw);
        if (value.isEmpty()) {
            if (required) {
                problems.add(envName(property) + " is required (" + what + ", comma-separated)");
            }
            return List.of();
        }
        List<String> entries = Arrays.stream(value.get().split(",", -1)).map(String::strip).toList();
        if (entries.stream().anyMatch(String::isEmpty)) {
            problems.add(envName(property) + " '" + value.get() + "' has an empty entry");
            return List.of();
        }
        if (entries.stream().distinct().count() != entries.size()) {
            problems.add(envName(property) + " '" + value.get() + "' lists an entry twice");
            return List.of();
        }
        return entries;
    }

    /** A required comma-separated list of Lambda function names (or function ARNs). */
    public List<String> functionNames(String property, Optional<String> raw, String what) {
        List<String> names = list(property, raw, what, true);
        for (String name : names) {
            if (!FUNCTION.matcher(name).matches()) {
                problems.add(envName(property) + " entry '" + name + "' is not a Lambda function name");
            }
        }
        return names;
    }

    public String instanceId(String property, Optional<String> raw, String what) {
        return matching(property, raw, INSTANCE, what, "an EC2 instance id (i-0123456789abcdef0)");
    }

    public String distributionId(String property, Optional<String> raw, String what) {
        return matching(property, raw, DISTRIBUTION, what, "a CloudFront distribution id (E2ABCDEF123456)");
    }

    public String parameterName(String property, Optional<String> raw, String what) {
        return matching(property, raw, PARAMETER, what, "an SSM parameter name (/cost-guard/dev/snapshot, at most 1011 characters)");
    }

    public String topicArn(String property, Optional<String> raw, String what) {
        return matching(property, raw, TOPIC_ARN, what, "an SNS topic ARN (arn:aws:sns:<region>:<account-id>:<name>)");
    }

    public Optional<String> optionalTopicArn(String property, Optional<String> raw) {
        Optional<String> value = present(raw);
        if (value.isPresent() && !TOPIC_ARN.matcher(value.get()).matches()) {
            problems.add(envName(property) + " '" + value.get()
                    + "' is not an SNS topic ARN (arn:aws:sns:<region>:<account-id>:<name>)");
            return Optional.empty();
        }
        return value;
    }

    public List<String> topicArns(String property, Optional<String> raw, String what) {
        List<String> arns = list(property, raw, what, false);
        for (String arn : arns) {
            if (!TOPIC_ARN.matcher(arn).matches()) {
                problems.add(envName(property) + " entry '" + arn
                        + "' is not an SNS topic ARN (arn:aws:sns:<region>:<account-id>:<name>)");
            }
        }
        return arns;
    }

    public int integer(String property, String raw, int min, int max) {
        try {
            int value = Integer.parseInt(raw.strip());
            if (value < min || value > max) {
                problems.add(envName(property) + " " + value + " is out of range [" + min + ", " + max + "]");
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(envName(property) + " '" + raw + "' is not a whole number");
            return min;
        }
    }

    public boolean bool(String property, String raw) {
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            problems.add(envName(property) + " '" + raw + "' is not true or false");
            return false;
        }
        return Boolean.parseBoolean(value);
    }

    public ZoneId zone(String property, String raw) {
        try {
            return ZoneId.of(raw.strip());
        } catch (RuntimeException e) {
            problems.add(envName(property) + " '" + raw + "' is not a time zone (e.g. Asia/Tokyo)");
            return ZoneId.of("UTC");
        }
    }

    public List<LocalDate> dates(String property, Optional<String> raw, String what) {
        List<LocalDate> dates = new ArrayList<>();
        for (String entry : list(property, raw, what, false)) {
            try {
                dates.add(LocalDate.parse(entry));
            } catch (DateTimeParseException e) {
                problems.add(envName(property) + " entry '" + entry + "' is not a date (YYYY-MM-DD)");
            }
        }
        return dates;
    }

    /** A comma-separated list of ECS services as cluster/service name pairs. */
    public List<ServiceId> services(String property, Optional<String> raw, String what, boolean required) {
        List<ServiceId> services = new ArrayList<>();
        for (String entry : list(property, raw, what + " as cluster/service", required)) {
            Optional<ServiceId> id = ServiceId.parse(entry);
            if (id.isPresent()) {
                services.add(id.get());
            } else {
                problems.add(envName(property) + " entry '" + entry
                        + "' is not cluster/service (ECS names: letters, digits, - and _)");
            }
        }
        return services;
    }

    /** Records a problem found by a check the reader has no helper for. */
    public void problem(String property, String message) {
        problems.add(envName(property) + " " + message);
    }

    /** Every problem found so far, each starting with the variable's name. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Throws one exception listing every problem found so far. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    private static Optional<String> present(Optional<String> raw) {
        return raw.map(String::strip).filter(s -> !s.isEmpty());
    }
}
