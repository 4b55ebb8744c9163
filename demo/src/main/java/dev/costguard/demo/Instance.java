package dev.costguard.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One EC2 instance and the systemd units on it. Transitional states (pending, stopping) settle on the next
 * DescribeInstances, or by themselves after a short delay, so waiters finish fast but still see a real sequence.
 */
final class Instance {

    enum State {
        PENDING(0, "pending"), RUNNING(16, "running"), STOPPING(64, "stopping"), STOPPED(80, "stopped");

        final int code;
        final String apiName;

        State(int code, String apiName) {
            this.code = code;
            this.apiName = apiName;
        }
    }

    record Transition(State previous, State current) {
    }

    /** Thrown when a start or stop is not allowed from the current state; EC2 says IncorrectInstanceState. */
    static final class IncorrectState extends Exception {
        IncorrectState(String message) {
            super(message, null, false, false);
        }
    }

    final String id;
    final String privateIp;
    final String publicIp;
    final String instanceType;
    final Instant launchedAt;
    String imageId = "ami-0demo0000000000a";
    final Map<String, String> tags = new LinkedHashMap<>();
    private final Duration settleAfter;
    private State state;
    private Instant changedAt;
    private String stateReason;
    /** A scripted fault: a transition into this state does not finish until the fault is released. */
    private State heldIn;
    /** unit -> stopped by a command; systemd units are enabled, so a boot clears this. */
    private final Map<String, Boolean> unitsStopped = new LinkedHashMap<>();

    Instance(String id, String ip, String instanceType, Instant now, Duration settleAfter, String... units) {
        this.id = id;
        this.privateIp = ip;
        this.publicIp = ip;
        this.instanceType = instanceType;
        this.launchedAt = now;
        this.settleAfter = settleAfter;
        this.state = State.RUNNING;
        this.changedAt = now;
        for (String unit : units) {
            unitsStopped.put(unit, false);
        }
    }

    /** A new instance from RunInstances: pending first, running once described or settled, like a boot. */
    static Instance launched(String id, String ip, String instanceType, String imageId, Instant now, Duration settleAfter,
            String... units) {
        Instance instance = new Instance(id, ip, instanceType, now, settleAfter, units);
        instance.imageId = imageId;
        instance.state = State.PENDING;
        return instance;
    }

    /** Graviton types (t4g, m7g, c6gn, ...) are arm64; everything else the demo launches is x86_64. */
    String architecture() {
        return instanceType.matches("[a-z]+\\d+[a-z]*g[a-z]*\\..*") ? "arm64" : "x86_64";
    }

    /** The state now; `observed` is true for DescribeInstances, which moves a transitional state on. */
    State state(Instant now, boolean observed) {
        if (state == heldIn) {
            return state;
        }
        boolean due = !now.isBefore(changedAt.plus(settleAfter));
        if (observed || due) {
            if (state == State.STOPPING) {
                move(State.STOPPED, now);
            } else if (state == State.PENDING) {
                move(State.RUNNING, now);
            }
        }
        return state;
    }

    /** Holds the instance in `transitional` whenever it gets there (now or later); null releases it. */
    void holdIn(State transitional) {
        heldIn = transitional;
    }

    /** Whether a scripted fault is keeping the instance where it is right now. */
    boolean held(Instant now) {
        return heldIn != null && state(now, false) == heldIn;
    }

    String stateReason() {
        return stateReason;
    }

    Transition stop(Instant now) throws IncorrectState {
        State before = state(now, false);
        switch (before) {
            case RUNNING -> {
                move(State.STOPPING, now);
                stateReason = "Client.UserInitiatedShutdown: User initiated shutdown";
            }
            case STOPPING, STOPPED -> {
                // Stopping a stopped instance is a no-op in EC2, not an error.
            }
            case PENDING -> throw new IncorrectState("This instance '" + id + "' is not in a state from which it can be stopped.");
        }
        return new Transition(before, state);
    }

    Transition start(Instant now) throws IncorrectState {
        State before = state(now, false);
        switch (before) {
            case STOPPED -> {
                move(State.PENDING, now);
                stateReason = null;
                unitsStopped.replaceAll((unit, stopped) -> false);
            }
            case PENDING, RUNNING -> {
                // Starting a running instance is a no-op in EC2, not an error.
            }
            case STOPPING -> throw new IncorrectState("The instance '" + id + "' is not in a state from which it can be started.");
        }
        return new Transition(before, state);
    }

    boolean hasUnit(String unit) {
        return unitsStopped.containsKey(unit);
    }

    /** A unit runs only while the instance does and nobody stopped it. */
    boolean unitActive(String unit, Instant now) {
        return state(now, false) == State.RUNNING && Boolean.FALSE.equals(unitsStopped.get(unit));
    }

    void setUnitStopped(String unit, boolean stopped) {
        unitsStopped.put(unit, stopped);
    }

    Iterable<String> units() {
        return unitsStopped.keySet();
    }

    private void move(State next, Instant now) {
        state = next;
        changedAt = now;
    }
}
