package dev.costguard.batch;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.costguard.core.json.Json;

/** One JSON line per stage event on stdout, for CloudWatch Logs Insights (the awslogs driver ships stdout). */
public final class JobLog {

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
        line.put("stage", stage);
        line.put("event", event);
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            line.put((String) keyValues[i], value == null ? null : value instanceof Number || value instanceof Boolean
                    ? value : value.toString());
        }
        // Lines from the signal thread and the main thread must not interleave.
        synchronized (out) {
            out.println(Json.write(line));
            out.flush();
        }
    }
}
