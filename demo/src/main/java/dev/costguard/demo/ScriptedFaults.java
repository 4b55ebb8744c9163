package dev.costguard.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The faults a test has scripted into the fake account: calls that fail with an AWS error, answer late or never
 * answer, and instances held in a transitional state. Thread-safe on its own, apart from the account lock: the
 * router consults it before taking that lock, so a delayed or unanswered call never holds up the others.
 */
final class ScriptedFaults {

    /**
     * A fault on the calls to one operation, e.g. lambda:PutFunctionConcurrency; with a resource, only on calls that
     * name it; with a count, only on the first that many of them. A delay comes first, then the error (if any).
     */
    record CallFault(String id, String service, String operation, String resource, Integer times, AwsError error,
            long delayMillis, boolean noAnswer) {

        boolean matches(String calledService, String calledOperation, AwsRequest request) {
            return service.equals(calledService) && operation.equals(calledOperation)
                    && (resource == null || names(request, resource));
        }

        /** What the call log says about the call, after the call's own line. */
        String describe() {
            List<String> parts = new ArrayList<>();
            if (delayMillis > 0) {
                parts.add("delayed " + delayMillis + " ms");
            }
            if (error != null) {
                parts.add("error " + error.status() + " " + error.code());
            }
            if (noAnswer) {
                parts.add("no answer");
            }
            return id + " " + String.join(", ", parts);
        }

        ObjectNode toJson(int hits) {
            ObjectNode json = Json.object().put("id", id).put("call", service + ":" + operation);
            if (resource != null) {
                json.put("resource", resource);
            }
            if (times != null) {
                json.put("times", times);
            }
            if (error != null) {
                json.putObject("error").put("status", error.status()).put("code", error.code()).put("message", error.getMessage());
            }
            if (delayMillis > 0) {
                json.put("delayMillis", delayMillis);
            }
            if (noAnswer) {
                json.put("noAnswer", true);
            }
            return json.put("hits", hits);
        }
    }

    /** An instance that stays in a transitional state (stopping, pending) whenever it gets there, until released. */
    record InstanceHold(String id, String instanceId, Instance.State state) {

        ObjectNode toJson() {
            return Json.object().put("id", id).put("instance", instanceId).put("stuckIn", state.apiName);
        }
    }

    /**
     * An EFS behaviour scripted into the account: on a file system, new mount targets that fail into "error",
     * creating ones held in "creating", or One Zone storage in a zone; or a zone whose mount targets EFS refuses.
     */
    record EfsFault(String id, String fileSystemId, String zone, String kind, String value) {

        ObjectNode toJson() {
            ObjectNode json = Json.object().put("id", id);
            if (fileSystemId != null) {
                json.put("fileSystem", fileSystemId);
            }
            if (zone != null) {
                json.put("zone", zone);
            }
            return json.put(kind, value);
        }
    }

    private final Map<String, CallFault> calls = new LinkedHashMap<>();
    private final Map<String, EfsFault> efs = new LinkedHashMap<>();
    private final Map<String, Integer> hits = new LinkedHashMap<>();
    private final Map<String, InstanceHold> holds = new LinkedHashMap<>();
    private final List<HttpExchange> unanswered = new ArrayList<>();
    private int sequence;
    private boolean closed;

    synchronized String nextId() {
        return "f" + ++sequence;
    }

    synchronized void add(CallFault fault) {
        calls.put(fault.id(), fault);
        hits.put(fault.id(), 0);
    }

    synchronized void add(InstanceHold hold) {
        holds.put(hold.id(), hold);
    }

    synchronized void add(EfsFault fault) {
        efs.put(fault.id(), fault);
    }

    /** Removes one EFS fault, for the caller to undo under the account lock; null when there is none by that id. */
    synchronized EfsFault removeEfsFault(String id) {
        return efs.remove(id);
    }

    /** Removes every EFS fault, for the caller to undo under the account lock. */
    synchronized List<EfsFault> clearEfsFaults() {
        List<EfsFault> all = List.copyOf(efs.values());
        efs.clear();
        return all;
    }

    /** The first fault that takes this call, counted as used; null when the call goes to the account as usual. */
    synchronized CallFault take(String service, String operation, AwsRequest request) {
        for (CallFault fault : calls.values()) {
            int used = hits.get(fault.id());
            if ((fault.times() == null || used < fault.times()) && fault.matches(service, operation, request)) {
                hits.put(fault.id(), used + 1);
                return fault;
            }
        }
        return null;
    }

    /** Keeps a call's connection open without an answer, until the faults are cleared or the server stops. */
    void hold(HttpExchange exchange) {
        synchronized (this) {
            if (!closed) {
                unanswered.add(exchange);
                return;
            }
        }
        exchange.close();
    }

    synchronized ArrayNode toJson() {
        ArrayNode all = Json.array();
        calls.values().forEach(fault -> all.add(fault.toJson(hits.get(fault.id()))));
        holds.values().forEach(hold -> all.add(hold.toJson()));
        efs.values().forEach(fault -> all.add(fault.toJson()));
        return all;
    }

    /** Removes one call fault; false when there is none by that id. Calls it already holds unanswered stay held until a clear. */
    synchronized boolean removeCallFault(String id) {
        hits.remove(id);
        return calls.remove(id) != null;
    }

    /** Removes one instance hold, for the caller to release under the account lock; null when there is none by that id. */
    synchronized InstanceHold removeHold(String id) {
        return holds.remove(id);
    }

    /** Removes every fault and ends every unanswered call; returns the instance holds for the caller to release. */
    List<InstanceHold> clear() {
        List<HttpExchange> release;
        List<InstanceHold> released;
        synchronized (this) {
            calls.clear();
            hits.clear();
            released = List.copyOf(holds.values());
            holds.clear();
            release = List.copyOf(unanswered);
            unanswered.clear();
        }
        // Closing without a response drops the connection: a client still waiting sees it fail, as after a network fault.
        release.forEach(HttpExchange::close);
        return released;
    }

    /** For the server's shutdown: no call stays held, and none is held from now on. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        clear();
    }

    /**
     * Whether the request names the resource: in its path, its body or (for the query protocols) a form value, as a
     * whole name, so "relay" does not pick out "relay-connect".
     */
    static boolean names(AwsRequest request, String resource) {
        if (namesIn(String.join("/", request.pathSegments()), resource) || namesIn(request.body(), resource)) {
            return true;
        }
        return request.isFormPost() && request.form().values().stream().anyMatch(value -> namesIn(value, resource));
    }

    static boolean namesIn(String text, String name) {
        for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
            int end = at + name.length();
            boolean startsClean = at == 0 || !partOfName(text.charAt(at - 1));
            boolean endsClean = end == text.length() || !partOfName(text.charAt(end));
            if (startsClean && endsClean) {
                return true;
            }
        }
        return false;
    }

    private static boolean partOfName(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
    }
}
