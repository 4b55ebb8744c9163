package dev.costguard.efsscaler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costguard.core.json.Json;
import dev.costguard.core.report.StepResult;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * One JSON line per event while the run is going (req 5.x: each step's result, each look at a mount target being
 * created), so a run that times out still leaves a trail; the full report is logged once at the end.
 */
final class EventLog {

    private final PrintStream out;
    private final Clock clock;

    EventLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    static EventLog stdout(Clock clock) {
        return new EventLog(System.out, clock);
    }

    void step(StepResult result) {
        ObjectNode line = line(result.failed() ? "ERROR" : "INFO", "step");
        line.put("step", result.name());
        line.put("status", result.status().name());
        line.put("detail", result.detail());
        print(line);
    }

    void event(String event, Map<String, String> fields) {
        ObjectNode line = line("INFO", event);
        fields.forEach(line::put);
        print(line);
    }

    private ObjectNode line(String level, String event) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level);
        line.put("function", EfsScalerFlow.FUNCTION);
        line.put("event", event);
        return line;
    }

    private synchronized void print(ObjectNode line) {
        out.println(Json.write(line));
        out.flush();
    }
}
