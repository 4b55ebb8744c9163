package dev.costguard.core.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costguard.core.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads done once before Lambda takes a SnapStart snapshot, so the snapshot already holds the built clients and
 * the classes a first call loads (SDK marshallers, signers, response models, Jackson). Only reads: a snapshot is
 * taken when a version is published, not for a run, and must change nothing. A failed read is logged as one JSON
 * line and skipped, because a resource missing at deployment time must not fail the deployment.
 */
public final class SnapshotPriming {

    private final PrintStream out;
    private final Clock clock;
    private final List<String> failed = new ArrayList<>();

    public SnapshotPriming(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public static SnapshotPriming stdout(Clock clock) {
        return new SnapshotPriming(System.out, clock);
    }

    /** Runs one read-only call; its answer is thrown away. */
    public SnapshotPriming read(String call, Supplier<?> read) {
        try {
            read.get();
        } catch (RuntimeException e) {
            failed.add(call);
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("timestamp", clock.instant().toString());
            line.put("level", "WARN");
            line.put("event", "snapshot_priming_read_failed");
            line.put("call", call);
            line.put("error", String.valueOf(e.getMessage()));
            out.println(line);
        }
        return this;
    }

    /** The reads that failed, in order. */
    public List<String> failed() {
        return List.copyOf(failed);
    }
}
