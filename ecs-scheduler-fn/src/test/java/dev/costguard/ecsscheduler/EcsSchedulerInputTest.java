package dev.costguard.ecsscheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.input.InvalidInputException;
import dev.costguard.aws.AwsClientConfig;
import dev.costguard.aws.SettingsGate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EcsSchedulerInputTest {

    private static EcsSchedulerRequest read(String json) {
        return EcsSchedulerInput.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSeedsHandInvocationIsAManualStop() {
        assertThat(read("{\"action\":\"stop\"}")).isEqualTo(new EcsSchedulerRequest(Action.STOP, Trigger.MANUAL, false));
    }

    @Test
    void readsTheSchedulesPayload() {
        assertThat(read("{\"action\": \"start\", \"trigger\": \"schedule\"}"))
                .isEqualTo(new EcsSchedulerRequest(Action.START, Trigger.SCHEDULE, false));
    }

    @Test
    void readsAnOptionalDryRun() {
        assertThat(read("{\"action\":\"stop\",\"trigger\":\"manual\",\"dryRun\":true}").dryRun()).isTrue();
        assertThat(read("{\"action\":\"stop\",\"dryRun\":false}").dryRun()).isFalse();
        assertThat(read("{\"action\":\"stop\",\"trigger\":null,\"dryRun\":null}"))
                .isEqualTo(new EcsSchedulerRequest(Action.STOP, Trigger.MANUAL, false));
    }

    /** Every payload the scheduler refuses, and what the refusal says. */
    static Stream<Arguments> badPayloads() {
        return Stream.of(
                Arguments.of("", "the invocation has no payload"),
                Arguments.of("   ", "the invocation has no payload"),
                Arguments.of("null", "the invocation has no payload"),
                Arguments.of("stop", "the invocation is not JSON (Unrecognized token 'stop'"),
                Arguments.of("{\"action\":\"stop\"", "the invocation is not JSON"),
                Arguments.of("{\"action\":\"stop\"} {\"action\":\"start\"}", "the invocation is not JSON"),
                Arguments.of("\"stop\"", "the invocation must be a JSON object, not the string \"stop\""),
                Arguments.of("[\"stop\"]", "the invocation must be a JSON object, not an array [\"stop\"]"),
                Arguments.of("{}", "the invocation needs \"action\" (start or stop); expected {"),
                Arguments.of("{\"trigger\":\"schedule\"}", "the invocation needs \"action\" (start or stop)"),
                Arguments.of("{\"action\":\" \"}", "\"action\" must not be empty (start or stop)"),
                Arguments.of("{\"action\":null}", "the invocation needs \"action\""),
                Arguments.of("{\"action\":\"restart\"}", "unknown \"action\" 'restart' in the invocation; expected one of [\"start\", \"stop\"]"),
                Arguments.of("{\"action\":\"Stop\"}", "unknown \"action\" 'Stop'"),
                Arguments.of("{\"action\":1}", "\"action\" must be a string, not the number 1; expected {"),
                Arguments.of("{\"action\":true}", "\"action\" must be a string, not the boolean true"),
                Arguments.of("{\"action\":[\"stop\"]}", "\"action\" must be a string, not an array"),
                Arguments.of("{\"action\":{\"name\":\"stop\"}}", "\"action\" must be a string, not an object"),
                Arguments.of("{\"action\":\"stop\",\"trigger\":\"cron\"}", "unknown \"trigger\" 'cron' in the invocation; expected one of [\"manual\", \"schedule\"]"),
                Arguments.of("{\"action\":\"stop\",\"trigger\":1}", "\"trigger\" must be a string, not the number 1"),
                Arguments.of("{\"action\":\"stop\",\"dryRun\":\"yes\"}", "\"dryRun\" must be true or false, not the string \"yes\""),
                Arguments.of("{\"action\":\"stop\",\"dryRun\":1}", "\"dryRun\" must be true or false, not the number 1"),
                Arguments.of("{\"action\":\"stop\",\"dryRun\":\"true\"}", "\"dryRun\" must be true or false, not the string \"true\""),
                Arguments.of("{\"action\":\"stop\",\"dryRun\":0}", "\"dryRun\" must be true or false, not the number 0"),
                Arguments.of("{\"action\":\"stop\",\"services\":[\"c/web\"]}", "unknown field(s) [services] in the invocation"),
                Arguments.of("{\"action\":\"stop\",\"dry_run\":true,\"reason\":\"x\"}", "unknown field(s) [dry_run, reason]"),
                Arguments.of("{\"version\":\"0\",\"source\":\"aws.scheduler\",\"detail\":{}}", "unknown field(s) [version, source, detail]"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badPayloads")
    void refusesABadPayloadNamingTheProblem(String payload, String message) {
        assertThatThrownBy(() -> read(payload)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badPayloads")
    void aBadPayloadReachesNoPort(String payload, String message) {
        EcsFixtures fx = new EcsFixtures().withServices(2, 3);
        EcsSchedulerHandler handler = new EcsSchedulerHandler();
        handler.settings = new SettingsGate(List.of(), new AwsClientConfig() {
            public Optional<String> endpointUrl() { return Optional.empty(); }
            public Optional<String> region() { return Optional.empty(); }
            public String maxAttempts() { return "4"; }
            public String callTimeoutSeconds() { return "20"; }
        }, System.out, Clock.systemUTC());
        EcsSchedulerFlow flow = fx.flow();
        handler.flow = () -> flow;
        ByteArrayOutputStream answer = new ByteArrayOutputStream();

        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)),
                answer, null)).isInstanceOf(InvalidInputException.class).hasMessageContaining(message);

        assertThat(fx.ecs.calls()).isEmpty();
        assertThat(fx.account.calls()).isEmpty();
        assertThat(fx.logged.size()).isZero();
        assertThat(answer.size()).isZero();
    }

    @Test
    void theSampleEventsAreAccepted() throws Exception {
        Path events = Path.of("..", "events");
        assertThat(EcsSchedulerInput.read(Files.readAllBytes(events.resolve("ecs-stop.json"))))
                .isEqualTo(new EcsSchedulerRequest(Action.STOP, Trigger.MANUAL, false));
        assertThat(EcsSchedulerInput.read(Files.readAllBytes(events.resolve("ecs-start-schedule.json"))))
                .isEqualTo(new EcsSchedulerRequest(Action.START, Trigger.SCHEDULE, false));
    }

    @Test
    void refusalsSayWhatWouldBeAccepted() {
        assertThatThrownBy(() -> read("{\"action\":\"stop\",\"force\":true}"))
                .hasMessage("unknown field(s) [force] in the invocation; expected {\"action\": \"start\"|\"stop\"} "
                        + "with optional \"trigger\": \"schedule\"|\"manual\" (default manual) and \"dryRun\": true|false");
    }
}
