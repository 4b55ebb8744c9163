package dev.costguard.core.run;

import dev.costguard.core.fakes.FakeTime;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.report.StepResult;
import dev.costguard.core.report.StepStatus;
import dev.costguard.core.time.Sleeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.time.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedFanOutTest {

    @Test
    void givesOneResultPerTargetInInputOrderAndKeepsGoingPastFailures() throws InterruptedException {
        FakeTime time = new FakeTime();
        BoundedFanOut fanOut = new BoundedFanOut(3, new RateLimiter(1000, time, time), time);
        List<String> targets = IntStream.range(0, 20).mapToObj(i -> "fn-" + i).toList();

        List<StepResult> results = fanOut.run(targets, t -> t, t -> {
            if (t.equals("fn-7")) {
                throw new CloudOperationException("PutFunctionConcurrency", "PutFunctionConcurrency fn-7 failed: x");
            }
            return "throttled " + t;
        });

        assertThat(results).extracting(StepResult::name).containsExactlyElementsOf(targets);
        assertThat(results.get(7).status()).isEqualTo(StepStatus.FAILED);
        assertThat(results.get(7).detail()).isEqualTo("PutFunctionConcurrency fn-7 failed: x");
        assertThat(results).filteredOn(StepResult::succeeded).hasSize(19);
    }

    @Test
    void neverRunsMoreCallsAtOnceThanThePoolSize() throws InterruptedException {
        BoundedFanOut fanOut = new BoundedFanOut(4, new RateLimiter(100_000, Clock.systemUTC(), Sleeper.SYSTEM),
                Clock.systemUTC());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();

        fanOut.run(IntStream.range(0, 40).boxed().toList(), String::valueOf, i -> {
            int now = running.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            Thread.sleep(5);
            running.decrementAndGet();
            return "ok";
        });

        assertThat(peak.get()).isBetween(2, 4);
    }

    @Test
    void targetsWhoseTurnComesAfterTheDeadlineAreNotCalled() throws InterruptedException {
        FakeTime time = new FakeTime();
        // One call a second, one at a time: with 5 s left, the sixth target onwards has no time.
        BoundedFanOut fanOut = new BoundedFanOut(1, new RateLimiter(1, time, time), time);
        Deadline deadline = Deadline.fromRemaining(time, Duration.ofSeconds(15), Duration.ofSeconds(10));
        AtomicInteger called = new AtomicInteger();

        List<StepResult> results = fanOut.run(IntStream.range(0, 10).boxed().toList(), String::valueOf,
                i -> "called " + called.incrementAndGet(), deadline);

        assertThat(called.get()).isEqualTo(5);
        assertThat(results).hasSize(10);
        assertThat(results.subList(5, 10)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(StepStatus.FAILED);
            assertThat(r.detail()).isEqualTo(Deadline.NO_TIME);
        });
    }

    @Test
    void callsRunOnDaemonThreadsSoAHungCallNeverKeepsTheProcessAlive() throws InterruptedException {
        FakeTime time = new FakeTime();
        BoundedFanOut fanOut = new BoundedFanOut(2, new RateLimiter(1000, time, time), time);
        Set<String> threads = ConcurrentHashMap.newKeySet();

        fanOut.run(List.of("a", "b", "c"), t -> t, t -> {
            Thread thread = Thread.currentThread();
            threads.add(thread.getName() + " daemon=" + thread.isDaemon());
            return "ok";
        });

        assertThat(threads).containsOnly("cost-guard-fan-out daemon=true");
    }

    @Test
    void anInterruptedCallIsThatTargetsFailureAndTheOthersStillRun() throws InterruptedException {
        FakeTime time = new FakeTime();
        BoundedFanOut fanOut = new BoundedFanOut(1, new RateLimiter(1000, time, time), time);

        List<StepResult> results = fanOut.run(List.of("a", "b"), t -> t, t -> {
            if (t.equals("a")) {
                throw new InterruptedException("sleep interrupted");
            }
            return "done " + t;
        });

        assertThat(results).extracting(StepResult::status).containsExactly(StepStatus.FAILED, StepStatus.SUCCEEDED);
        assertThat(results.get(0).detail()).isEqualTo("interrupted");
        assertThat(results.get(1).detail()).isEqualTo("done b");
    }
}
