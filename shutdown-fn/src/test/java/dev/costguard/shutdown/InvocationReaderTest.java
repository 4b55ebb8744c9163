package dev.costguard.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.input.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class InvocationReaderTest {

    private static ShutdownRequest read(String payload) {
        return InvocationReader.read(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String sns(String topicArn) {
        return "{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"TopicArn\":\"" + topicArn + "\"}}]}";
    }

    @Test
    void readsTheTopicOfEveryRecordOfTheRealSnsEventAwsSends() throws Exception {
        ShutdownRequest request = InvocationReader.read(Files.readAllBytes(Path.of("..", "events", "budget-alert-sns.json")));

        assertThat(request.isManual()).isFalse();
        assertThat(request.topicArns()).containsExactly("arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-alert");
    }

    @Test
    void readsAManualInvocation() {
        ShutdownRequest request = read("{\"reason\": \" cost spike \", \"dryRun\": true}");
        assertThat(request.isManual()).isTrue();
        assertThat(request.reason()).isEqualTo("cost spike");
        assertThat(request.dryRun()).isTrue();
        assertThat(read("{\"reason\": \"r\", \"dryRun\": false}").dryRun()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"reason": "x", "dryRun": "true"}       | "dryRun" must be true or false, not the string "true"
            {"reason": "x", "dryRun": 1}            | "dryRun" must be true or false, not the number 1
            {"reason": "x", "dryRun": 0}            | "dryRun" must be true or false, not the number 0
            []                                      | the invocation must be a JSON object, not an array []
            not json                                | the invocation is not JSON
            {"reason": "x", "dryRun": true} garbage | the invocation is not JSON
            {"reason": "x", "dryRun": true}{}       | the invocation is not JSON
            {"reason": "oops", "dry_run": true}     | unknown field(s) [dry_run] in the invocation
            {"reason": "because"}                   | a manual invocation needs "dryRun": true or false
            {"reason": "  ", "dryRun": false}       | "reason" must not be empty
            {"dryRun": false}                       | the invocation needs "reason"
            {"reason": 7, "dryRun": false}          | "reason" must be a string, not the number 7
            {}                                      | the invocation is empty
            {"Records": []}                         | the SNS event has no records
            {"Records": {}}                         | "Records" must be an array
            {"Records": [1]}                        | Records[0] must be a JSON object, not the number 1
            {"Records": [{"EventSource": "aws:sqs", "Sns": {"TopicArn": "a"}}]} | Records[0].EventSource is the string "aws:sqs", not "aws:sns"
            {"Records": [{"EventSource": "aws:sns"}]}                          | Records[0] has no "Sns" object
            {"Records": [{"Sns": {"Subject": "s"}}]}                           | Records[0].Sns.TopicArn must be the topic's ARN
            {"Records": [{"Sns": {"TopicArn": 5}}]}                            | Records[0].Sns.TopicArn must be the topic's ARN, not the number 5
            """)
    void refusesEachMalformedPayloadByNameAndQuotesTheExpectedShape(String payload, String problem) {
        assertThatThrownBy(() -> read(payload)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(problem).hasMessageContaining(InvocationReader.EXPECTED);
    }

    @Test
    void refusesAnEmptyPayload() {
        assertThatThrownBy(() -> read("  ")).hasMessageStartingWith("the invocation has no payload");
        assertThatThrownBy(() -> InvocationReader.read(null)).hasMessageStartingWith("the invocation has no payload");
    }

    @Test
    void refusesAnSnsEventCarryingManualFields() {
        String mixed = sns(ShutdownFixtures.ALERT).replace("{\"Records\"", "{\"dryRun\": true, \"Records\"");
        assertThatThrownBy(() -> read(mixed)).hasMessageStartingWith("an SNS event cannot also carry");
    }

    @Test
    void leavesTheOtherSnsFieldsAlone() {
        String withExtras = "{\"Records\":[{\"EventSource\":\"aws:sns\",\"EventVersion\":\"1.0\",\"SomethingNew\":1,"
                + "\"Sns\":{\"TopicArn\":\"" + ShutdownFixtures.ALERT + "\",\"MessageAttributes\":{\"a\":{}},\"Future\":true}}]}";
        assertThat(read(withExtras).topicArns()).containsExactly(ShutdownFixtures.ALERT);
    }
}
