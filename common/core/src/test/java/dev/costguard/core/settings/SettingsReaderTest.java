package dev.costguard.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsReaderTest {

    @Test
    void namesTheEnvironmentVariableOfAProperty() {
        assertThat(SettingsReader.envName("costguard.instance-id")).isEqualTo("COSTGUARD_INSTANCE_ID");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        SettingsReader reader = new SettingsReader();
        reader.required("costguard.instance-id", Optional.empty(), "the EC2 instance");
        reader.integer("costguard.drain-seconds", "soon", 0, 900);
        assertThatThrownBy(reader::check).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("COSTGUARD_INSTANCE_ID is required (the EC2 instance)")
                .hasMessageContaining("COSTGUARD_DRAIN_SECONDS 'soon' is not a whole number");
    }

    @ParameterizedTest
    @ValueSource(strings = { "arn:aws:sns:eu-west-1:123456789012:alerts", "arn:aws-cn:sns:cn-north-1:123456789012:a_b-c",
            "arn:aws:sns:us-gov-west-1:123456789012:x.fifo" })
    void acceptsTopicArns(String arn) {
        SettingsReader reader = new SettingsReader();
        assertThat(reader.topicArn("costguard.result-topic-arn", Optional.of(arn), "reports")).isEqualTo(arn);
        reader.check();
    }

    @ParameterizedTest
    @ValueSource(strings = { "alerts", "arn:aws:sqs:eu-west-1:123456789012:q", "arn:aws:sns:eu-west-1:12345:alerts",
            "arn:aws:sns:eu-west-1:123456789012:" })
    void refusesWhatIsNotATopicArn(String arn) {
        SettingsReader reader = new SettingsReader();
        reader.topicArn("costguard.result-topic-arn", Optional.of(arn), "reports");
        assertThatThrownBy(reader::check).hasMessageContaining("COSTGUARD_RESULT_TOPIC_ARN '" + arn + "' is not an SNS topic ARN");
    }

    @Test
    void refusesEmptyAndRepeatedListEntries() {
        SettingsReader reader = new SettingsReader();
        reader.list("costguard.function-names", Optional.of("a,,b"), "functions", true);
        reader.list("costguard.services", Optional.of("c/web,c/web"), "services", true);
        assertThatThrownBy(reader::check).hasMessageContaining("COSTGUARD_FUNCTION_NAMES 'a,,b' has an empty entry")
                .hasMessageContaining("COSTGUARD_SERVICES 'c/web,c/web' lists an entry twice");
    }
}
