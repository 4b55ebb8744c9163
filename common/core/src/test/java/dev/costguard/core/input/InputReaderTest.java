package dev.costguard.core.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class InputReaderTest {

    private static final String EXPECTED = "expected {\"reason\": \"...\", \"dryRun\": true|false}";
    private static final Set<String> FIELDS = Set.of("reason", "dryRun", "action");

    private static InputObject read(String payload) {
        return InputReader.object(payload.getBytes(StandardCharsets.UTF_8), EXPECTED, FIELDS);
    }

    @Test
    void readsAWellFormedObject() {
        InputObject input = read("{\"reason\": \" drill \", \"dryRun\": false}");
        assertThat(input.requiredText("reason", "why")).isEqualTo("drill");
        assertThat(input.bool("dryRun")).contains(false);
        assertThat(input.has("action")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json                          | the invocation is not JSON",
        "{\"reason\": \"x\"} trailing      | the invocation is not JSON",
        "[]                                | the invocation must be a JSON object, not an array []",
        "'   '                             | the invocation has no payload",
        "null                              | the invocation has no payload",
        "{\"reason\": \"x\", \"force\": 1} | unknown field(s) [force] in the invocation",
        "{\"dryRun\": \"true\"}            | \"dryRun\" must be true or false, not the string \"true\"",
        "{\"dryRun\": 1}                   | \"dryRun\" must be true or false, not the number 1",
        "{\"dryRun\": 0}                   | \"dryRun\" must be true or false, not the number 0",
        "{\"reason\": 7}                   | \"reason\" must be a string, not the number 7",
    })
    void refusesWhatItCannotActOnByNamingTheProblemAndQuotingTheShape(String payload, String problem) {
        assertThatThrownBy(() -> {
            InputObject input = read(payload);
            input.bool("dryRun");
            input.text("reason");
        }).isInstanceOf(InvalidInputException.class).hasMessageContaining(problem).hasMessageContaining(EXPECTED);
    }

    @Test
    void requiredTextNamesTheMissingFieldAndWhatItIsFor() {
        assertThatThrownBy(() -> read("{\"dryRun\": true}").requiredText("reason", "why the kill switch runs"))
                .hasMessageContaining("the invocation needs \"reason\" (why the kill switch runs)")
                .hasMessageContaining(EXPECTED);
        assertThatThrownBy(() -> read("{\"reason\": \"  \"}").requiredText("reason", "why"))
                .hasMessageContaining("\"reason\" must not be empty");
    }

    @Test
    void choiceAcceptsOnlyItsWords() {
        Map<String, Integer> words = Map.of("start", 1, "stop", 0);
        assertThat(read("{\"action\": \"stop\"}").choice("action", words)).contains(0);
        assertThatThrownBy(() -> read("{\"action\": \"halt\"}").choice("action", words))
                .hasMessageContaining("unknown \"action\" 'halt'").hasMessageContaining("[\"start\", \"stop\"]");
    }

    @Test
    void nestedObjectsNameTheirPath() {
        InputObject root = InputReader.object("{\"Sns\": {\"TopicArn\": 5, \"Extra\": 1}}".getBytes(StandardCharsets.UTF_8),
                EXPECTED, Set.of("Sns"));
        assertThatThrownBy(() -> root.object("Sns", Set.of("TopicArn")))
                .hasMessageContaining("unknown field(s) [Extra] in \"Sns\"");
        InputObject sns = InputReader.object("{\"Sns\": {\"TopicArn\": 5}}".getBytes(StandardCharsets.UTF_8),
                EXPECTED, Set.of("Sns")).object("Sns", Set.of("TopicArn")).orElseThrow();
        assertThatThrownBy(() -> sns.text("TopicArn")).hasMessageContaining("\"Sns\".TopicArn must be a string");
    }

    @Test
    void hasIsTrueOnlyForAFieldThatIsPresentAndNotNull() {
        assertThat(read("{\"reason\": \"x\"}").has("reason")).isTrue();
        assertThat(read("{\"reason\": null}").has("reason")).isFalse();
        assertThat(read("{}").has("reason")).isFalse();
    }

    @Test
    void anArrayFieldIsHandedOverAndAnythingElseIsRefusedByName() {
        InputObject root = InputReader.object("{\"Records\": [{\"a\": 1}], \"Empty\": null, \"Wrong\": {\"a\": 1}}"
                .getBytes(StandardCharsets.UTF_8), EXPECTED, Set.of("Records", "Empty", "Wrong"));

        JsonNode records = root.array("Records").orElseThrow();
        assertThat(records.isArray()).isTrue();
        assertThat(records.get(0).get("a").asInt()).isEqualTo(1);
        assertThat(root.array("Empty")).isEmpty();
        assertThat(root.array("Missing")).isEmpty();
        assertThatThrownBy(() -> root.array("Wrong")).isInstanceOf(InvalidInputException.class)
                .hasMessage("\"Wrong\" must be an array, not an object {\"a\":1}; " + EXPECTED);
    }

    @Test
    void anObjectKnowsWhereItIsAndWhatShapeWasExpected() {
        InputObject root = read("{\"reason\": \"x\"}");
        assertThat(root.where()).isEqualTo("the invocation");
        assertThat(root.expected()).isEqualTo(EXPECTED);
    }

    @Test
    void aValueIsQuotedWholeUpToFortyCharactersAndCutAfter() {
        String forty = "a".repeat(38);
        String fortyOne = "a".repeat(39);
        // A string's JSON text carries its two quotes: 38 letters are 40 characters.
        assertThat(InputReader.kind(TextNode.valueOf(forty))).isEqualTo("the string \"" + forty + "\"");
        assertThat(InputReader.kind(TextNode.valueOf(fortyOne)))
                .isEqualTo("the string \"" + fortyOne.substring(0, 39) + "...");
    }
}
