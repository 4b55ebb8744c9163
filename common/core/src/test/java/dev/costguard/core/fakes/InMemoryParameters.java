package dev.costguard.core.fakes;

import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.Parameters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parameter Store alone, in memory; "GetParameter" or "PutParameter" can be made to fail; calls are logged. */
public class InMemoryParameters implements Parameters {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    private final List<String> calls = new ArrayList<>();

    public synchronized InMemoryParameters with(String name, String value) {
        values.put(name, value);
        return this;
    }

    public synchronized InMemoryParameters failing(String operation) {
        failing.add(operation);
        return this;
    }

    public synchronized InMemoryParameters healing(String operation) {
        failing.remove(operation);
        return this;
    }

    public synchronized Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized Optional<String> get(String name) {
        call("GetParameter", name);
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public synchronized boolean putIfAbsent(String name, String value) {
        call("PutParameter", name);
        return values.putIfAbsent(name, value) == null;
    }

    @Override
    public synchronized void put(String name, String value) {
        call("PutParameter", name);
        values.put(name, value);
    }

    @Override
    public synchronized void delete(String name) {
        call("DeleteParameter", name);
        values.remove(name);
    }

    private void call(String operation, String name) {
        calls.add(operation + " " + name);
        if (failing.contains(operation)) {
            throw new CloudOperationException(operation, "InternalServerError", 500,
                    operation + " " + name + " failed: InternalServerError (HTTP 500)", null);
        }
    }
}
