package dev.costguard.efsscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.input.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvocationReaderTest {

    @Test
    void readsTheScheduleFixtureTheEventBridgeRuleSends() throws Exception {
        byte[] fixture = Files.readAllBytes(Path.of("../events/efs-scaler-schedule.json"));

        assertThat(InvocationReader.read(fixture)).isEqualTo(new EfsScalerRequest(Trigger.SCHEDULE, false));
    }

    @Test
    void readsTheDryRunFixtureTheColdStartBenchmarkSends() throws Exception {
        byte[] fixture = Files.readAllBytes(Path.of("../events/efs-dry-run.json"));

        assertThat(InvocationReader.read(fixture)).isEqualTo(new EfsScalerRequest(Trigger.MANUAL, true));
    }

    @Test
    void aManualDryRun() {
        assertThat(read("{\"dryRun\":true}")).isEqualTo(new EfsScalerRequest(Trigger.MANUAL, true));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "{\"dryRun\":\"true\"}|\"dryRun\" must be true or false, not the string \"true\"",
            "{\"dryRun\":1}|\"dryRun\" must be true or false, not the number 1",
            "{\"version\":\"0\",\"detail-type\":\"Scheduled Event\"}|unknown field(s) [version, detail-type]",
            "[]|must be a JSON object",
            "count files|the invocation is not JSON" })
    void refusesAPayloadNamingTheProblem(String payload, String message) {
        assertThatThrownBy(() -> read(payload)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message).hasMessageContaining(InvocationReader.EXPECTED);
    }

    @Test
    void anUnknownTriggerListsTheOnesThatExist() {
        assertThatThrownBy(() -> read("{\"trigger\":\"cron\"}")).isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown \"trigger\" 'cron' in the invocation; expected one of [\"manual\", \"schedule\"]");
    }

    private static EfsScalerRequest read(String payload) {
        return InvocationReader.read(payload.getBytes(StandardCharsets.UTF_8));
    }
}
