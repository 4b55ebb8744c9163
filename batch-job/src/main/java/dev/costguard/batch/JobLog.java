package dev.costguard.batch;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON line per stage event on stdout, for CloudWatch Logs Insights (the awslogs driver ships stdout). The lines
 * are flat (string, number, boolean or null values), so they are written here rather than through Jackson: the job
 * is a fresh JVM every night, and loading Jackson's ~670 classes for six lines cost more CPU than the job's own
 * statements (docs/BENCHMARKS.md, "Nightly batch").
 */
public final class JobLog {

    private static final RuntimeMXBean UPTIME = ManagementFactory.getRuntimeMXBean();

    private final PrintStream out;
    private final Clock clock;

    public JobLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public void info(String stage, String event, Object... keyValues) {
        write("INFO", stage, event, keyValues);
    }

    public void warn(String stage, String event, Object... keyValues) {
        write("WARN", stage, event, keyValues);
    }

    public void error(String stage, String event, Object... keyValues) {
        write("ERROR", stage, event, keyValues);
    }

    private void write(String level, String stage, String event, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected for " + stage + "/" + event);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", clock.instant().toString());
        line.put("level", level);
        line.put("logger", "batch-job");
        // Milliseconds since the JVM started: where a short-lived job's time goes (start-up vs. its stages).
        line.put("uptime_ms", UPTIME.getUptime());
        line.put("stage", stage);
        line.put("event", event);
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            line.put((String) keyValues[i], value == null ? null : value instanceof Number || value instanceof Boolean
                    ? value : value.toString());
        }
        // Lines from the signal thread and the main thread must not interleave.
        synchronized (out) {
            out.println(toJson(line));
            out.flush();
        }
    }

    /** A flat JSON object (RFC 8259): strings escaped, finite numbers and booleans bare, anything else as a string. */
    static String toJson(Map<String, Object> fields) {
        StringBuilder json = new StringBuilder(256).append('{');
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            appendString(json, field.getKey());
            json.append(':');
            Object value = field.getValue();
            if (value == null) {
                json.append("null");
            } else if (value instanceof Boolean || isFiniteNumber(value)) {
                json.append(value);
            } else {
                appendString(json, value.toString());
            }
        }
        return json.append('}').toString();
    }

    private static boolean isFiniteNumber(Object value) {
        if (value instanceof Double number) {
            return Double.isFinite(number);
        }
        if (value instanceof Float number) {
            return Float.isFinite(number);
        }
        return value instanceof Number;
    }

    private static void appendString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
