package dev.costguard.core.health;

import dev.costguard.core.ports.HealthProbe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpHealthProbeTest {

    private HttpServer server;
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/health", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
    }

    @Test
    void aTwoHundredIsHealthy() {
        HealthProbe.Result result = new HttpHealthProbe(Duration.ofSeconds(2)).check(url());
        assertThat(result.healthy()).isTrue();
        assertThat(result.detail()).isEqualTo("HTTP 200");
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void aServiceUnavailableIsNotHealthy() {
        status.set(503);
        assertThat(new HttpHealthProbe(Duration.ofSeconds(2)).check(url())).isEqualTo(new HealthProbe.Result(false, "HTTP 503"));
    }

    @Test
    void aRefusedConnectionIsNotHealthyAndSaysWhy() {
        URI closed = url();
        server.stop(0);
        HealthProbe.Result result = new HttpHealthProbe(Duration.ofSeconds(2)).check(closed);
        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).contains("ConnectException");
    }

    @Test
    void aShorterLimitCutsTheWaitSoADeadlineIsKept() {
        URI slow = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow");
        HttpHealthProbe probe = new HttpHealthProbe(Duration.ofSeconds(10));

        HealthProbe.Result result = probe.check(slow, Duration.ofMillis(200));

        // Within its own 10 s the probe would see the 200 that comes after 3 s.
        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).isEqualTo("HttpTimeoutException: request timed out");
    }

    @ParameterizedTest
    @CsvSource({ "200, true", "204, true", "299, true", "300, false", "301, false", "404, false" })
    void onlyA2xxIsHealthyAndARedirectIsNotFollowed(int code, boolean healthy) {
        status.set(code);
        assertThat(new HttpHealthProbe(Duration.ofSeconds(2)).check(url()))
                .isEqualTo(new HealthProbe.Result(healthy, "HTTP " + code));
    }

    @Test
    void anInterruptedCheckIsNotHealthyAndKeepsTheInterruptForTheCaller() {
        // The slow answer cannot be in before the wait for it starts, so the wait always sees the interrupt.
        URI slow = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow");
        Thread.currentThread().interrupt();
        try {
            HealthProbe.Result result = new HttpHealthProbe(Duration.ofSeconds(10)).check(slow);

            assertThat(result).isEqualTo(new HealthProbe.Result(false, "interrupted"));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
