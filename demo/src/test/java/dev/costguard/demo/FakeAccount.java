package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * A running fake account for one test, and requests shaped like the AWS SDK's (paths, X-Amz-Target, form
 * parameters, content types), sent with plain java.net.http.
 */
final class FakeAccount implements AutoCloseable {

    /** Long enough that transitional states only move on when a describe looks at them: tests never race the clock. */
    static final Duration NEVER_BY_TIME = Duration.ofHours(1);

    private final ByteArrayOutputStream callLog = new ByteArrayOutputStream();
    private final FakeAccountServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    FakeAccount() {
        this(NEVER_BY_TIME);
    }

    FakeAccount(Duration settleAfter) {
        this(settleAfter, false);
    }

    private FakeAccount(Duration settleAfter, boolean empty) {
        try {
            server = FakeAccountServer.start(0, settleAfter, new PrintStream(callLog, true, StandardCharsets.UTF_8), empty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An account with no resources, as `--empty` starts it, for the create calls. */
    static FakeAccount empty() {
        return new FakeAccount(NEVER_BY_TIME, true);
    }

    URI endpoint() {
        return server.endpoint();
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    /** A JSON 1.1 call (SSM, ECS, Application Auto Scaling) as the SDK sends it. */
    HttpResponse<String> jsonCall(String target, String body) {
        return send("POST", "/", body, "Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", target);
    }

    /** A query-protocol call (EC2, SNS): name/value pairs, form-encoded, as the SDK sends them. */
    HttpResponse<String> formCall(String... namesAndValues) {
        StringJoiner form = new StringJoiner("&");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.add(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return send("POST", "/", form.toString(), "Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    }

    HttpResponse<String> ec2(String action, String... more) {
        List<String> params = new ArrayList<>(List.of("Action", action, "Version", "2016-11-15"));
        params.addAll(List.of(more));
        return formCall(params.toArray(String[]::new));
    }

    JsonNode state() {
        return json(get("/_demo/state"));
    }

    List<String> callLog() {
        return callLog.toString(StandardCharsets.UTF_8).lines().toList();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text of every element with that local name, in document order. */
    static List<String> xmlTexts(HttpResponse<String> response, String element) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
            NodeList nodes = document.getElementsByTagNameNS("*", element);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                texts.add(nodes.item(i).getTextContent());
            }
            return texts;
        } catch (Exception e) {
            throw new IllegalStateException("not XML: " + response.body(), e);
        }
    }

    static String xmlText(HttpResponse<String> response, String element) {
        List<String> texts = xmlTexts(response, element);
        if (texts.isEmpty()) {
            throw new AssertionError("no <" + element + "> in " + response.body());
        }
        return texts.get(0);
    }

    @Override
    public void close() {
        server.close();
    }
}
