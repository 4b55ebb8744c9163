package dev.costguard.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Parameter Store of the fake account as another function sees it: what the kill switch and recovery do to the
 * parked marker, for the tests of the functions that read it. Calls the account's own SSM API (JSON 1.1).
 */
public final class FakeAccountParameters {

    private final URI endpoint;

    private FakeAccountParameters(URI endpoint) {
        this.endpoint = endpoint;
    }

    public static FakeAccountParameters of(String endpoint) {
        return new FakeAccountParameters(URI.create(endpoint + "/"));
    }

    /** The kill switch's marker as it writes it. */
    public void park(String name, String since, String trigger) {
        call("PutParameter", "{\"Name\":\"" + name + "\",\"Type\":\"String\",\"Value\":\"{\\\"parked_since\\\":\\\""
                + since + "\\\",\\\"trigger\\\":\\\"" + trigger + "\\\"}\"}");
    }

    /** Recovery lifting it. */
    public void lift(String name) {
        call("DeleteParameter", "{\"Name\":\"" + name + "\"}");
    }

    private void call(String operation, String body) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                    .header("X-Amz-Target", "AmazonSSM." + operation).header("Content-Type", "application/x-amz-json-1.1")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("SSM " + operation + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
