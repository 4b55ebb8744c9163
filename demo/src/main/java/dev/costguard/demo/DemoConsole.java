package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints what the demo shows a person: a run report phase by phase, and the sample account's state.
 * Usage: DemoConsole report FILE | DemoConsole state BASE_URL LABEL | DemoConsole ecs BASE_URL LABEL
 */
public final class DemoConsole {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DemoConsole() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "report" -> printReport(MAPPER.readTree(Files.readString(Path.of(args[1]))));
            case "state" -> System.out.println(accountLine(args[2], state(args[1])));
            case "ecs" -> System.out.println(ecsLine(args[2], state(args[1])));
            default -> {
                System.err.println("usage: DemoConsole report FILE | state BASE_URL LABEL | ecs BASE_URL LABEL");
                System.exit(2);
            }
        }
    }

    static void printReport(JsonNode report) {
        System.out.printf("%s run (trigger: %s%s): %s%n", report.path("function").asText(),
                report.path("trigger").asText(), report.path("dry_run").asBoolean() ? ", dry run" : "",
                report.path("outcome").asText());
        System.out.println("  " + report.path("summary").asText());
        for (JsonNode step : report.path("steps")) {
            System.out.printf("  %-4s %-22s %-9s %s%n", mark(step), step.path("name").asText(),
                    step.path("status").asText(), step.path("detail").asText());
            for (JsonNode item : step.path("items")) {
                System.out.printf("         - %-26s %s%n", item.path("name").asText(), item.path("detail").asText());
            }
        }
        JsonNode sent = report.path("notification");
        if (!sent.isMissingNode() && !sent.isNull()) {
            System.out.printf("  %-4s %-22s %-9s %s%n", mark(sent), "notify", sent.path("status").asText(),
                    sent.path("detail").asText());
        }
        System.out.printf("  overall_success=%s, %d ms%n", report.path("overall_success").asBoolean(),
                report.path("duration_ms").asLong());
    }

    private static String mark(JsonNode step) {
        return switch (step.path("status").asText()) {
            case "SUCCEEDED" -> "[ok]";
            case "FAILED" -> "[!!]";
            default -> "[--]";
        };
    }

    static String accountLine(String label, JsonNode state) {
        List<String> functions = new ArrayList<>();
        state.path("lambda").fields().forEachRemaining(f -> functions.add(f.getKey() + "="
                + (f.getValue().isNull() ? "unreserved" : f.getValue().asText())));
        List<String> hosts = new ArrayList<>();
        state.path("ec2").fields().forEachRemaining(i -> {
            StringBuilder host = new StringBuilder(i.getValue().path("state").asText());
            i.getValue().path("services").fields().forEachRemaining(s -> host.append(", ").append(s.getKey())
                    .append(' ').append(s.getValue().asText()));
            hosts.add(host.toString());
        });
        List<String> distributions = new ArrayList<>();
        state.path("cloudfront").fields().forEachRemaining(d -> distributions.add(
                d.getValue().path("enabled").asBoolean() ? "enabled" : "disabled"));
        List<String> parameters = new ArrayList<>();
        state.path("ssm").path("parameters").forEach(p -> parameters.add(p.asText()));
        boolean snapshot = parameters.stream().anyMatch(p -> p.endsWith("/kill-switch-snapshot"));
        boolean parked = parameters.stream().anyMatch(p -> p.endsWith("/parked"));
        return String.format(Locale.ROOT, "  %-16s functions: %s | host: %s | distribution: %s | snapshot: %s"
                + " | parked: %s", label, String.join(" ", functions), String.join("; ", hosts),
                String.join(", ", distributions), snapshot ? "kept in SSM" : "none", parked ? "yes" : "no");
    }

    static String ecsLine(String label, JsonNode state) {
        List<String> services = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = state.path("ecs").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> service = it.next();
            String name = service.getKey();
            JsonNode target = state.path("autoscaling").path("service/" + name);
            services.add(name + " desired=" + service.getValue().path("desiredCount").asInt()
                    + (target.isMissingNode() ? "" : " (scaling min " + target.path("min").asInt() + ", max "
                            + target.path("max").asInt() + ")"));
        }
        return String.format(Locale.ROOT, "  %-16s %s", label, String.join(" | ", services));
    }

    private static JsonNode state(String baseUrl) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/_demo/state")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return MAPPER.readTree(response.body());
    }
}
