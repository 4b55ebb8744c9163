package dev.costguard.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvocationReaderTest {

    private static ShutdownInvocation sns(String topicArn) {
        SNSEvent.SNS sns = new SNSEvent.SNS().withTopicArn(topicArn);
        ShutdownInvocation invocation = new ShutdownInvocation();
        invocation.setRecords(List.of(new SNSEvent.SNSRecord().withSns(sns).withEventSource("aws:sns")));
        return invocation;
    }

    private static ShutdownInvocation manual(String reason, Boolean dryRun) {
        ShutdownInvocation invocation = new ShutdownInvocation();
        invocation.setReason(reason);
        invocation.setDryRun(dryRun);
        return invocation;
    }

    @Test
    void readsTheTopicOfEverySnsRecord() {
        assertThat(InvocationReader.read(sns(ShutdownFixtures.ALERT)).topicArns()).containsExactly(ShutdownFixtures.ALERT);
    }

    @Test
    void readsAManualInvocation() {
        ShutdownRequest request = InvocationReader.read(manual(" cost spike ", true));
        assertThat(request.isManual()).isTrue();
        assertThat(request.reason()).isEqualTo("cost spike");
        assertThat(request.dryRun()).isTrue();
    }

    @Test
    void refusesUnknownFieldsByName() {
        ShutdownInvocation invocation = manual("x", false);
        invocation.unknownField("dry_run", true);
        assertThatThrownBy(() -> InvocationReader.read(invocation)).isInstanceOf(InvalidInvocationException.class)
                .hasMessageStartingWith("unknown field(s) [dry_run]");
    }

    @Test
    void refusesAManualRunWithoutAnExplicitDryRun() {
        assertThatThrownBy(() -> InvocationReader.read(manual("because", null)))
                .hasMessageContaining("needs \"dryRun\": true or false");
    }

    @Test
    void refusesAManualRunWithoutAReason() {
        assertThatThrownBy(() -> InvocationReader.read(manual("  ", false))).hasMessageContaining("non-empty \"reason\"");
    }

    @Test
    void refusesAnEmptyPayload() {
        assertThatThrownBy(() -> InvocationReader.read(new ShutdownInvocation())).hasMessageStartingWith("the invocation is empty");
        assertThatThrownBy(() -> InvocationReader.read(null)).hasMessageStartingWith("the invocation has no payload");
    }

    @Test
    void refusesAnSnsEventWithoutRecordsOrTopic() {
        ShutdownInvocation empty = new ShutdownInvocation();
        empty.setRecords(List.of());
        assertThatThrownBy(() -> InvocationReader.read(empty)).hasMessage("the SNS event has no records");
        assertThatThrownBy(() -> InvocationReader.read(sns(null))).hasMessage("SNS record 0 has no TopicArn");
    }

    @Test
    void refusesAnSnsEventCarryingManualFields() {
        ShutdownInvocation mixed = sns(ShutdownFixtures.ALERT);
        mixed.setDryRun(true);
        assertThatThrownBy(() -> InvocationReader.read(mixed)).hasMessageStartingWith("an SNS event cannot also carry");
    }
}
