package dev.costguard.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.costguard.aws.AwsClientSettings;
import dev.costguard.aws.AwsClients;
import dev.costguard.aws.lambda.LambdaClientProducer;
import dev.costguard.aws.lambda.LambdaFunctionThrottle;
import dev.costguard.core.run.BoundedFanOut;
import dev.costguard.core.run.RateLimiter;
import dev.costguard.core.time.Sleeper;
import dev.costguard.core.report.StepResult;
import dev.costguard.shutdown.ShutdownConfig;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Phase 1 of the kill switch (PutFunctionConcurrency 0 on every function) through the real SDK against a local
 * endpoint that answers after a fixed latency. Prints the phase time against the lower bound the pool and rate
 * imply, max(N / rate, ceil(N / pool) x latency), and against the same calls made one after another.
 */
public final class ThrottleFanOutBenchmark {

    public static void main(String[] args) throws Exception {
        int functions = Integer.getInteger("functions", 50);
        int latencyMs = Integer.getInteger("latencyMs", 150);
        int rounds = Integer.getInteger("rounds", 3);
        int pool = Integer.parseInt(ShutdownConfig.DEFAULT_POOL_SIZE);
        double rate = Double.parseDouble(ShutdownConfig.DEFAULT_RATE_LIMIT_PER_SECOND);

        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(64));
        server.start();
        server.stubFor(put(urlPathMatching("/2017-10-31/functions/.+/concurrency")).willReturn(aResponse()
                .withStatus(200).withFixedDelay(latencyMs).withHeader("Content-Type", "application/json")
                .withBody("{\"ReservedConcurrentExecutions\":0}")));
        // The adapter module builds the client, so the benchmark stays out of the SDK like every non-adapter module.
        try (var client = new LambdaClientProducer()
                .lambdaClient(new AwsClients(AwsClientSettings.local(URI.create(server.baseUrl()), 1)))) {
            LambdaFunctionThrottle throttle = new LambdaFunctionThrottle(client);
            List<String> names = IntStream.range(0, functions).mapToObj(i -> "relay-" + i).toList();
            // Warm the connection pool, class loading and JIT before measuring.
            run(throttle, names.subList(0, Math.min(8, functions)), pool, 1000);

            double bound = Math.max(functions / rate, Math.ceil((double) functions / pool) * latencyMs / 1000.0);
            System.out.printf(Locale.ROOT, "functions=%d latency=%dms pool=%d rate=%.0f/s lower-bound=%.3fs%n",
                    functions, latencyMs, pool, rate, bound);
            for (int round = 1; round <= rounds; round++) {
                double phase = run(throttle, names, pool, rate);
                double sequential = run(throttle, names, 1, 1_000_000);
                System.out.printf(Locale.ROOT,
                        "round %d: phase=%.3fs  phase/bound=%.3f  sequential=%.3fs  phase/sequential=%.3f%n",
                        round, phase, phase / bound, sequential, phase / sequential);
            }
        } finally {
            server.stop();
        }
    }

    private static double run(LambdaFunctionThrottle throttle, List<String> names, int pool, double rate)
            throws InterruptedException {
        Clock clock = Clock.systemUTC();
        BoundedFanOut fanOut = new BoundedFanOut(pool, new RateLimiter(rate, clock, Sleeper.SYSTEM), clock);
        long start = System.nanoTime();
        List<StepResult> results = fanOut.run(names, n -> n, n -> {
            throttle.reserveConcurrency(n, 0);
            return "ok";
        });
        long elapsed = System.nanoTime() - start;
        if (results.stream().anyMatch(StepResult::failed)) {
            throw new IllegalStateException("a call failed: " + results.stream().filter(StepResult::failed).toList());
        }
        return elapsed / 1e9;
    }
}
