package dev.costguard.doctor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the doctor and the smoke test need from an environment's terraform.tfvars, read by name. Keys it does not know
 * are left alone (the composition gains inputs over time); a known key with the wrong shape is a problem that names
 * the key and the shape expected.
 */
public record StackInputs(String region, String namePrefix, Optional<BigDecimal> budgetLimit, List<String> relayFunctions,
        String instanceId, String distributionId, List<String> ecsServices, Optional<EfsScaler> efsScaler,
        Optional<Orchestration> orchestration, String apiServiceName, boolean dryRun, Map<String, Integer> reservations) {

    /** The efs_scaler object, when set: the file system, its VPC, and whether the module creates its endpoints. */
    public record EfsScaler(String fileSystemId, String vpcId, Optional<Boolean> createVpcEndpoints) {
    }

    /** The orchestration object, when set: the API's task definition the batch reuses, and its container. */
    public record Orchestration(Optional<String> taskDefinitionArn, String containerName) {
    }

    public static final String DEFAULT_REGION = "ap-northeast-1";
    public static final String DEFAULT_API_SERVICE = "nostr-api";

    /** Reads the inputs; every problem found is added to {@code problems}, each naming its key. */
    public static StackInputs read(Map<String, Object> vars, String env, List<String> problems) {
        Reader r = new Reader(vars, problems);
        String region = r.string("region", false).orElse(DEFAULT_REGION);
        String prefix = r.string("name_prefix", false).orElse("costguard-" + env);
        Optional<BigDecimal> budget = r.amount("budget_limit_amount");
        List<String> relays = r.strings("relay_lambda_function_names", true);
        String instance = r.string("ec2_instance_id", true).orElse("");
        String distribution = r.string("cloudfront_distribution_id", true).orElse("");
        List<String> services = r.ecsServices("ecs_services");
        Optional<EfsScaler> efs = r.object("efs_scaler").map(o -> new EfsScaler(
                r.field(o, "efs_scaler", "file_system_id"), r.field(o, "efs_scaler", "vpc_id"),
                r.optionalBool(o, "efs_scaler", "create_vpc_endpoints")));
        Optional<Orchestration> batch = r.object("orchestration").map(o -> new Orchestration(
                r.optionalField(o, "orchestration", "task_definition_arn"), r.field(o, "orchestration", "container_name")));
        String api = r.string("api_service_name", false).orElse(DEFAULT_API_SERVICE);
        boolean dryRun = r.bool("dry_run").orElse(false);
        Map<String, Integer> reservations = r.reservations(efs.isPresent());
        return new StackInputs(region, prefix, budget, relays, instance, distribution, services, efs, batch, api, dryRun, reservations);
    }

    /** The reserved concurrency the deploy asks for in total. */
    public int reservedTotal() {
        return reservations.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static final class Reader {
        private final Map<String, Object> vars;
        private final List<String> problems;

        Reader(Map<String, Object> vars, List<String> problems) {
            this.vars = vars;
            this.problems = problems;
        }

        Optional<String> string(String key, boolean required) {
            Object value = vars.get(key);
            if (value == null) {
                if (required) {
                    problems.add(key + " is required (a quoted string)");
                }
                return Optional.empty();
            }
            if (!(value instanceof String s) || s.isBlank()) {
                problems.add(key + " must be a non-empty quoted string, got " + describe(value));
                return Optional.empty();
            }
            return Optional.of(s);
        }

        Optional<BigDecimal> amount(String key) {
            Object value = vars.get(key);
            if (value == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(value instanceof BigDecimal d ? d : new BigDecimal(String.valueOf(value)));
            } catch (NumberFormatException e) {
                problems.add(key + " must be an amount in USD (e.g. \"20\"), got " + describe(value));
                return Optional.empty();
            }
        }

        Optional<Boolean> bool(String key) {
            Object value = vars.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof Boolean b)) {
                problems.add(key + " must be true or false, got " + describe(value));
                return Optional.empty();
            }
            return Optional.of(b);
        }

        List<String> strings(String key, boolean required) {
            Object value = vars.get(key);
            if (value == null) {
                if (required) {
                    problems.add(key + " is required (a list of quoted strings, e.g. [\"a\", \"b\"])");
                }
                return List.of();
            }
            if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
                problems.add(key + " must be a list of quoted strings (e.g. [\"a\", \"b\"]), got " + describe(value));
                return List.of();
            }
            return list.stream().map(String.class::cast).toList();
        }

        /** ecs_services: [{ cluster = "...", service = "..." }] as "cluster/service". */
        List<String> ecsServices(String key) {
            Object value = vars.get(key);
            if (value == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> m && m.get("cluster") instanceof String c && m.get("service") instanceof String s) {
                        out.add(c + "/" + s);
                    } else {
                        problems.add(key + " entries must be { cluster = \"...\", service = \"...\" }, got " + describe(item));
                    }
                }
                return out;
            }
            problems.add(key + " must be a list of { cluster = \"...\", service = \"...\" }, got " + describe(value));
            return List.of();
        }

        Optional<Map<?, ?>> object(String key) {
            Object value = vars.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof Map<?, ?> m)) {
                problems.add(key + " must be an object ({ ... }) or null, got " + describe(value));
                return Optional.empty();
            }
            return Optional.of(m);
        }

        String field(Map<?, ?> object, String key, String field) {
            Object value = object.get(field);
            if (!(value instanceof String s) || s.isBlank()) {
                problems.add(key + "." + field + " is required (a quoted string), got " + describe(value));
                return "";
            }
            return s;
        }

        Optional<String> optionalField(Map<?, ?> object, String key, String field) {
            Object value = object.get(field);
            if (value == null) {
                return Optional.empty();
            }
            return Optional.of(field(object, key, field)).filter(s -> !s.isEmpty());
        }

        Optional<Boolean> optionalBool(Map<?, ?> object, String key, String field) {
            Object value = object.get(field);
            if (value == null) {
                return Optional.empty();
            }
            if (!(value instanceof Boolean b)) {
                problems.add(key + "." + field + " must be true or false, got " + describe(value));
                return Optional.empty();
            }
            return Optional.of(b);
        }

        /** terraform/stack/variables.tf: the kill switch's reserved concurrency and its default. */
        private static final String KILL_SWITCH_RESERVATION = "kill_switch_reserved_concurrency";
        private static final int KILL_SWITCH_RESERVATION_DEFAULT = 1;

        /**
         * What the deploy reserves: every top-level *reserved_concurrency number (the kill switch's stack default of 1
         * when the tfvars leave it unset; null reserves nothing), and efs_scaler.reserved_concurrent_executions.
         */
        Map<String, Integer> reservations(boolean efsScaler) {
            Map<String, Integer> found = new LinkedHashMap<>();
            if (!vars.containsKey(KILL_SWITCH_RESERVATION)) {
                found.put(KILL_SWITCH_RESERVATION + " (stack default)", KILL_SWITCH_RESERVATION_DEFAULT);
            }
            vars.forEach((key, value) -> {
                if (key.endsWith("reserved_concurrency") && value != null) {
                    whole(key, value).ifPresent(n -> found.put(key, n));
                }
            });
            String efsKey = "reserved_concurrent_executions";
            if (efsScaler && vars.get("efs_scaler") instanceof Map<?, ?> efs && efs.get(efsKey) != null) {
                whole("efs_scaler." + efsKey, efs.get(efsKey)).ifPresent(n -> found.put("efs_scaler." + efsKey, n));
            }
            return found;
        }

        private Optional<Integer> whole(String key, Object value) {
            if (value instanceof BigDecimal d) {
                try {
                    int n = d.intValueExact();
                    if (n >= 0) {
                        return Optional.of(n);
                    }
                } catch (ArithmeticException e) {
                    // not whole: reported below
                }
            }
            problems.add(key + " must be a whole number of 0 or more, got " + describe(value));
            return Optional.empty();
        }

        private static String describe(Object value) {
            if (value == null) {
                return "nothing";
            }
            if (value instanceof String s) {
                return "\"" + s + "\"";
            }
            if (value instanceof List<?>) {
                return "a list";
            }
            if (value instanceof Map<?, ?>) {
                return "an object";
            }
            return String.valueOf(value);
        }
    }
}
