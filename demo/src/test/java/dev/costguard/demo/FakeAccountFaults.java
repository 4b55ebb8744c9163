package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Scripts faults into a running fake account over HTTP (its {@code /_faults} endpoint), so it works from any class
 * loader: a Quarkus test and its test resource need not share one. Clear the faults between tests.
 * <pre>
 * FakeAccountFaults faults = FakeAccountFaults.ofTestResource();
 * faults.call("lambda:PutFunctionConcurrency").naming("relay-default").failWith(500, "ServiceException", "try later");
 * faults.call("ssm:GetParameter").delay(Duration.ofSeconds(2));
 * faults.call("ec2:DescribeInstances").times(1).neverAnswer();
 * faults.instanceStuck("i-0c0ffee5eed000001", "stopping");
 * faults.clear();
 * </pre>
 */
public final class FakeAccountFaults {

    /** Where {@link FakeAccountTestResource} publishes the fake account's URL. */
    public static final String URL_PROPERTY = "cost-guard.test.fake-account-url";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI faults;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FakeAccountFaults(URI endpoint) {
        this.faults = URI.create(endpoint.toString().replaceAll("/+$", "") + "/_faults");
    }

    public static FakeAccountFaults of(URI endpoint) {
        return new FakeAccountFaults(endpoint);
    }

    /** The fake account a {@link FakeAccountTestResource} started in this JVM. */
    public static FakeAccountFaults ofTestResource() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            throw new IllegalStateException(URL_PROPERTY + " is not set: is the test running with a FakeAccountTestResource?");
        }
        return of(URI.create(url));
    }

    /** A fault on one operation, e.g. "lambda:PutFunctionConcurrency", "ssm:GetParameter", "ec2:DescribeInstances". */
    public CallFault call(String serviceAndOperation) {
        return new CallFault(serviceAndOperation);
    }

    /** Holds the instance in "stopping" or "pending" whenever it gets there (now or later), until removed or cleared. */
    public String instanceStuck(String instanceId, String state) {
        return add(MAPPER.createObjectNode().put("instance", instanceId).put("stuckIn", state));
    }

    /** New mount targets of the file system end in "error" where they would have become available (EFS's asynchronous failure). */
    public String newMountTargetsFail(String fileSystemId) {
        return add(MAPPER.createObjectNode().put("fileSystem", fileSystemId).put("newTargetsEndIn", "error"));
    }

    /** Mount targets of the file system that are creating stay creating, until removed or cleared. */
    public String mountTargetsStuckCreating(String fileSystemId) {
        return add(MAPPER.createObjectNode().put("fileSystem", fileSystemId).put("creatingHeld", true));
    }

    /** The file system is One Zone storage in this zone: DescribeFileSystems names it, a second target is refused. */
    public String oneZone(String fileSystemId, String zone) {
        return add(MAPPER.createObjectNode().put("fileSystem", fileSystemId).put("oneZone", zone));
    }

    /** CreateMountTarget in this zone is refused with the code (UnsupportedAvailabilityZone, NoFreeAddressesInSubnet, IpAddressInUse). */
    public String zoneRefusesMountTargets(String zone, String errorCode) {
        return add(MAPPER.createObjectNode().put("zone", zone).put("refuseMountTargets", errorCode));
    }

    /** Removes one fault by the id its setter returned; a held instance settles as usual from then on. */
    public void remove(String id) {
        expect(204, send(HttpRequest.newBuilder(URI.create(faults + "/" + id)).DELETE()));
    }

    /** Removes every fault, releases held instances and drops every call held without an answer. */
    public void clear() {
        expect(204, send(HttpRequest.newBuilder(faults).DELETE()));
    }

    /** Every fault with the number of calls it has taken ("hits"). */
    public JsonNode list() {
        return json(expect(200, send(HttpRequest.newBuilder(faults).GET())));
    }

    private String add(ObjectNode spec) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(faults).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(spec.toString())));
        return json(expect(201, response)).path("id").asText();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalArgumentException("the fake account refused the fault: HTTP " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One call fault being described; the last method sets it and returns its id. */
    public final class CallFault {

        private final ObjectNode spec = MAPPER.createObjectNode();

        private CallFault(String call) {
            spec.put("call", call);
        }

        /** Only calls that name this resource (a function, parameter, instance, service ...) in their path or body. */
        public CallFault naming(String resource) {
            spec.put("resource", resource);
            return this;
        }

        /** Only the first {@code count} matching calls; later ones reach the account as usual. */
        public CallFault times(int count) {
            spec.put("times", count);
            return this;
        }

        /** Waits this long before the error (see {@link #failWith}). */
        public CallFault after(Duration delay) {
            spec.put("delayMillis", delay.toMillis());
            return this;
        }

        /** Answers with this AWS error, in the service's own wire format. */
        public String failWith(int status, String code, String message) {
            spec.putObject("error").put("status", status).put("code", code).put("message", message);
            return add(spec);
        }

        /** Answers as usual, this much later. */
        public String delay(Duration delay) {
            spec.put("delayMillis", delay.toMillis());
            return add(spec);
        }

        /** Holds the connection open without an answer until the client gives up (or the faults are cleared). */
        public String neverAnswer() {
            spec.put("noAnswer", true);
            return add(spec);
        }
    }
}
