package dev.costguard.core.health;

import dev.costguard.core.ports.HealthProbe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP GET: healthy on any 2xx answer within the timeout. */
public final class HttpHealthProbe implements HealthProbe {

    private final HttpClient client;
    private final Duration timeout;

    public HttpHealthProbe(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    @Override
    public Result check(URI url) {
        return check(url, timeout);
    }

    /** The request's own timeout is the shorter of this probe's and the one given. */
    @Override
    public Result check(URI url, Duration limit) {
        Duration wait = limit.compareTo(timeout) < 0 ? limit : timeout;
        HttpRequest request = HttpRequest.newBuilder(url).timeout(wait).GET()
                .header("User-Agent", "cost-guard-recovery").build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new Result(status >= 200 && status < 300, "HTTP " + status);
        } catch (IOException e) {
            return new Result(false, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }
}
