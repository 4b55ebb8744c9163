package dev.costguard.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.input.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RecoveryRequestTest {

    private static RecoveryRequest read(String payload) {
        return RecoveryRequest.read(payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheSchedulesOwnInput() throws Exception {
        byte[] schedule = Files.readAllBytes(Path.of("..", "events", "recovery-schedule.json"));
        assertThat(RecoveryRequest.read(schedule)).isEqualTo(new RecoveryRequest("schedule", false));
    }

    @Test
    void readsTheManualInputs() {
        assertThat(read("{}")).isEqualTo(new RecoveryRequest("manual", false));
        assertThat(read("{\"dryRun\": true}")).isEqualTo(new RecoveryRequest("manual", true));
        assertThat(read("{\"force\": true, \"reason\": \" snapshot lost \"}"))
                .isEqualTo(new RecoveryRequest("manual", false, true, "snapshot lost"));
        assertThat(read("{\"force\": false}")).isEqualTo(new RecoveryRequest("manual", false));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json|the invocation is not JSON",
        "{} trailing|the invocation is not JSON",
        "[]|the invocation must be a JSON object, not an array []",
        "{\"dryRun\": \"true\"}|\"dryRun\" must be true or false, not the string \"true\"",
        "{\"dryRun\": 1}|\"dryRun\" must be true or false, not the number 1",
        "{\"force\": 1, \"reason\": \"x\"}|\"force\" must be true or false, not the number 1",
        "{\"time\": \"2026-11-01T00:05:00Z\"}|unknown field(s) [time] in the invocation",
        "{\"trigger\": 3}|\"trigger\" must be a string, not the number 3",
        "{\"force\": true}|the invocation needs \"reason\"",
        "{\"force\": true, \"reason\": \"  \"}|\"reason\" must not be empty",
        "{\"reason\": \"x\"}|\"reason\" is only read with \"force\": true",
        "{\"trigger\": \"schedule\", \"force\": true, \"reason\": \"x\"}|\"force\" is for a manual run, not the schedule",
    })
    void refusesByName(String payload, String message) {
        assertThatThrownBy(() -> read(payload)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(message).hasMessageEndingWith(RecoveryRequest.EXPECTED);
    }

    @Test
    void refusesAnUnknownTriggerNamingTheChoices() {
        assertThatThrownBy(() -> read("{\"trigger\": \"cron\"}")).isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown \"trigger\" 'cron' in the invocation; expected one of [\"manual\", \"schedule\"]");
    }
}
