package dev.costguard.core.ports;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One ECS service by cluster and service name, written "cluster/service" in settings and reports. */
public record ServiceId(String cluster, String service) {

    // ECS names (not ARNs), the same rule as the Terraform modules' services variables.
    public static final Pattern PAIR = Pattern.compile("([A-Za-z0-9_-]{1,255})/([A-Za-z0-9_-]{1,255})");

    /** "cluster/service", or empty when the text is not such a pair of ECS names. */
    public static Optional<ServiceId> parse(String text) {
        Matcher pair = PAIR.matcher(text);
        return pair.matches() ? Optional.of(new ServiceId(pair.group(1), pair.group(2))) : Optional.empty();
    }

    public String label() {
        return cluster + "/" + service;
    }

    @Override
    public String toString() {
        return label();
    }
}
