package dev.costguard.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.ports.ServiceId;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    @Test
    void aValueIsStrippedAndABlankValueCountsAsMissing() {
        SettingsReader reader = new SettingsReader();
        assertThat(reader.required("costguard.service-name", Optional.of("  api  "), "the service")).isEqualTo("api");
        assertThat(reader.optional(Optional.of(" x "))).contains("x");
        assertThat(reader.optional(Optional.of("   "))).isEmpty();
        assertThat(reader.problems()).isEmpty();

        assertThat(reader.required("costguard.instance-id", Optional.of(" \t "), "the EC2 instance")).isNull();
        assertThat(reader.problems()).containsExactly("COSTGUARD_INSTANCE_ID is required (the EC2 instance)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "instance     | i-0123456789abcdef0 | i-0123456789ABCDEF0 | is not an EC2 instance id (i-0123456789abcdef0)",
        "instance     | i-0123abcd          | i-012345            | is not an EC2 instance id (i-0123456789abcdef0)",
        "distribution | E2ABCDEF123456      | e2abcdef123456      | is not a CloudFront distribution id (E2ABCDEF123456)",
        "parameter    | /cost-guard/dev/x   | /cost guard         | is not an SSM parameter name (/cost-guard/dev/snapshot, at most 1011 characters)",
        "parameter    | cost-guard.parked   | /a//b               | is not an SSM parameter name (/cost-guard/dev/snapshot, at most 1011 characters)",
    })
    void anIdThatFitsItsShapeIsHandedBackAndOneThatDoesNotIsRefusedByName(String kind, String good, String bad,
            String problem) {
        SettingsReader reader = new SettingsReader();
        assertThat(readId(reader, kind, good)).isEqualTo(good);
        assertThat(reader.problems()).isEmpty();

        // A refused value is not handed on: whatever is built from the settings before check() sees none.
        assertThat(readId(reader, kind, bad)).isNull();
        assertThat(reader.problems()).containsExactly("COSTGUARD_ID '" + bad + "' " + problem);
    }

    private static String readId(SettingsReader reader, String kind, String raw) {
        return switch (kind) {
            case "instance" -> reader.instanceId("costguard.id", Optional.of(raw), "the id");
            case "distribution" -> reader.distributionId("costguard.id", Optional.of(raw), "the id");
            case "parameter" -> reader.parameterName("costguard.id", Optional.of(raw), "the id");
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @Test
    void anIntegerRangeIncludesBothEnds() {
        SettingsReader reader = new SettingsReader();
        assertThat(reader.integer("costguard.drain-seconds", "10", 10, 120)).isEqualTo(10);
        assertThat(reader.integer("costguard.drain-seconds", " 120 ", 10, 120)).isEqualTo(120);
        assertThat(reader.integer("costguard.drain-seconds", "37", 10, 120)).isEqualTo(37);
        assertThat(reader.problems()).isEmpty();

        reader.integer("costguard.drain-seconds", "9", 10, 120);
        reader.integer("costguard.drain-seconds", "121", 10, 120);
        assertThat(reader.problems()).containsExactly("COSTGUARD_DRAIN_SECONDS 9 is out of range [10, 120]",
                "COSTGUARD_DRAIN_SECONDS 121 is out of range [10, 120]");
    }

    @Test
    void aWordWhereANumberBelongsIsRefusedAndStoodInForByTheMinimum() {
        SettingsReader reader = new SettingsReader();
        // The stand-in stays in range, so nothing built from it before check() trips over an impossible value.
        assertThat(reader.integer("costguard.start-timeout-seconds", "ten", 10, 600)).isEqualTo(10);
        assertThat(reader.problems()).containsExactly("COSTGUARD_START_TIMEOUT_SECONDS 'ten' is not a whole number");
    }

    @ParameterizedTest
    @CsvSource({ "true, true", "' TRUE ', true", "false, false", "False, false" })
    void readsTrueAndFalseInAnyCase(String raw, boolean expected) {
        SettingsReader reader = new SettingsReader();
        assertThat(reader.bool("costguard.dry-run", raw)).isEqualTo(expected);
        assertThat(reader.problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "yes", "1", "0", "", "truth" })
    void refusesAnythingButTrueOrFalse(String raw) {
        SettingsReader reader = new SettingsReader();
        assertThat(reader.bool("costguard.dry-run", raw)).isFalse();
        assertThat(reader.problems()).containsExactly("COSTGUARD_DRY_RUN '" + raw + "' is not true or false");
    }

    @Test
    void readsATimeZoneAndRefusesAnUnknownOne() {
        SettingsReader reader = new SettingsReader();
        assertThat(reader.zone("costguard.zone", " Asia/Tokyo ")).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(reader.problems()).isEmpty();

        assertThat(reader.zone("costguard.zone", "Mars/Olympus")).isEqualTo(ZoneId.of("UTC"));
        assertThat(reader.problems()).containsExactly("COSTGUARD_ZONE 'Mars/Olympus' is not a time zone (e.g. Asia/Tokyo)");
    }

    @Test
    void readsFunctionNamesAndFunctionArnsAndNamesABadEntry() {
        SettingsReader reader = new SettingsReader();
        assertThat(reader.functionNames("costguard.function-names",
                Optional.of("relay-a, arn:aws:lambda:eu-west-1:123456789012:function:relay_b"), "functions"))
                .containsExactly("relay-a", "arn:aws:lambda:eu-west-1:123456789012:function:relay_b");
        assertThat(reader.problems()).isEmpty();

        reader.functionNames("costguard.function-names", Optional.of("relay-a,relay a"), "functions");
        reader.functionNames("costguard.other-names", Optional.empty(), "more functions");
        assertThat(reader.problems()).containsExactly(
                "COSTGUARD_FUNCTION_NAMES entry 'relay a' is not a Lambda function name",
                "COSTGUARD_OTHER_NAMES is required (more functions, comma-separated)");
    }

    @Test
    void anOptionalListMayBeAbsentButARequiredOneMayNot() {
        SettingsReader reader = new SettingsReader();
        assertThat(reader.list("costguard.extra", Optional.empty(), "extras", false)).isEmpty();
        assertThat(reader.list("costguard.extra", Optional.of(" "), "extras", false)).isEmpty();
        assertThat(reader.problems()).isEmpty();
        assertThat(reader.list("costguard.extra", Optional.of("a , b"), "extras", true)).containsExactly("a", "b");
        assertThat(reader.problems()).isEmpty();

        assertThat(reader.list("costguard.needed", Optional.empty(), "needed things", true)).isEmpty();
        assertThat(reader.problems()).containsExactly("COSTGUARD_NEEDED is required (needed things, comma-separated)");
    }

    @Test
    void anOptionalTopicArnMayBeAbsentButNotMalformed() {
        SettingsReader reader = new SettingsReader();
        String arn = "arn:aws:sns:eu-west-1:123456789012:alarms";
        assertThat(reader.optionalTopicArn("costguard.alarm-topic-arn", Optional.empty())).isEmpty();
        assertThat(reader.optionalTopicArn("costguard.alarm-topic-arn", Optional.of(" " + arn + " "))).contains(arn);
        assertThat(reader.problems()).isEmpty();

        assertThat(reader.optionalTopicArn("costguard.alarm-topic-arn", Optional.of("alarms"))).isEmpty();
        assertThat(reader.problems()).containsExactly("COSTGUARD_ALARM_TOPIC_ARN 'alarms' is not an SNS topic ARN "
                + "(arn:aws:sns:<region>:<account-id>:<name>)");
    }

    @Test
    void readsAListOfTopicArnsAndNamesTheEntryThatIsNotOne() {
        SettingsReader reader = new SettingsReader();
        String a = "arn:aws:sns:eu-west-1:123456789012:a";
        String b = "arn:aws:sns:eu-west-1:123456789012:b";
        assertThat(reader.topicArns("costguard.tripwire-topic-arns", Optional.of(a + "," + b), "tripwires"))
                .containsExactly(a, b);
        assertThat(reader.topicArns("costguard.tripwire-topic-arns", Optional.empty(), "tripwires")).isEmpty();
        assertThat(reader.problems()).isEmpty();

        reader.topicArns("costguard.tripwire-topic-arns", Optional.of(a + ",tripwire"), "tripwires");
        assertThat(reader.problems()).containsExactly("COSTGUARD_TRIPWIRE_TOPIC_ARNS entry 'tripwire' is not an SNS "
                + "topic ARN (arn:aws:sns:<region>:<account-id>:<name>)");
    }

    @Test
    void readsDatesAndNamesTheEntryThatIsNotOne() {
        SettingsReader reader = new SettingsReader();
        assertThat(reader.dates("costguard.holidays", Optional.of("2026-12-31, 2027-01-01"), "holidays"))
                .containsExactly(LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 1));
        assertThat(reader.problems()).isEmpty();

        assertThat(reader.dates("costguard.holidays", Optional.of("2026-12-31,2026-13-01"), "holidays"))
                .containsExactly(LocalDate.of(2026, 12, 31));
        assertThat(reader.problems()).containsExactly("COSTGUARD_HOLIDAYS entry '2026-13-01' is not a date (YYYY-MM-DD)");
    }

    @Test
    void readsEcsServicesAndNamesTheEntryThatIsNotAPair() {
        SettingsReader reader = new SettingsReader();
        assertThat(reader.services("costguard.ecs-services", Optional.of("main/web, main/api"), "services", true))
                .containsExactly(new ServiceId("main", "web"), new ServiceId("main", "api"));
        assertThat(reader.problems()).isEmpty();

        assertThat(reader.services("costguard.ecs-services", Optional.of("main/web,worker"), "services", true))
                .containsExactly(new ServiceId("main", "web"));
        reader.services("costguard.more-services", Optional.empty(), "more services", true);
        assertThat(reader.problems()).containsExactly(
                "COSTGUARD_ECS_SERVICES entry 'worker' is not cluster/service (ECS names: letters, digits, - and _)",
                "COSTGUARD_MORE_SERVICES is required (more services as cluster/service, comma-separated)");
    }

    @Test
    void problemsListsWhatWasFoundAndCheckPassesWhenThereIsNone() {
        SettingsReader reader = new SettingsReader();
        reader.check();
        reader.problem("costguard.health-url", "is not an http(s) URL");
        assertThat(reader.problems()).containsExactly("COSTGUARD_HEALTH_URL is not an http(s) URL");
        assertThatThrownBy(reader::check).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("COSTGUARD_HEALTH_URL is not an http(s) URL");
    }
}
