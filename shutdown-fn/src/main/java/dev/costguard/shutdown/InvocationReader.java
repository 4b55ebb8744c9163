package dev.costguard.shutdown;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.util.ArrayList;
import java.util.List;

/** Checks the shape of an invocation before anything touches AWS. */
public final class InvocationReader {

    static final String EXPECTED = "expected an SNS event (\"Records\") or a manual invocation "
            + "{\"reason\": \"...\", \"dryRun\": true|false}";

    private InvocationReader() {
    }

    public static ShutdownRequest read(ShutdownInvocation input) {
        if (input == null) {
            throw new InvalidInvocationException("the invocation has no payload; " + EXPECTED);
        }
        if (!input.unknownFields().isEmpty()) {
            throw new InvalidInvocationException("unknown field(s) " + input.unknownFields().keySet()
                    + " in the invocation; " + EXPECTED);
        }
        if (input.getRecords() != null) {
            if (input.getReason() != null || input.getDryRun() != null) {
                throw new InvalidInvocationException(
                        "an SNS event cannot also carry \"reason\" or \"dryRun\"; " + EXPECTED);
            }
            return ShutdownRequest.fromSns(topicArns(input.getRecords()));
        }
        if (input.getReason() == null && input.getDryRun() == null) {
            throw new InvalidInvocationException("the invocation is empty; " + EXPECTED);
        }
        if (input.getReason() == null || input.getReason().isBlank()) {
            throw new InvalidInvocationException("a manual invocation needs a non-empty \"reason\"");
        }
        if (input.getDryRun() == null) {
            throw new InvalidInvocationException(
                    "a manual invocation needs \"dryRun\": true or false (a real shutdown must be asked for explicitly)");
        }
        return ShutdownRequest.manual(input.getReason().strip(), input.getDryRun());
    }

    private static List<String> topicArns(List<SNSEvent.SNSRecord> records) {
        if (records.isEmpty()) {
            throw new InvalidInvocationException("the SNS event has no records");
        }
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            SNSEvent.SNSRecord record = records.get(i);
            if (record == null || record.getSNS() == null) {
                throw new InvalidInvocationException("SNS record " + i + " has no \"Sns\" section");
            }
            if (record.getEventSource() != null && !record.getEventSource().equals("aws:sns")) {
                throw new InvalidInvocationException("SNS record " + i + " comes from '" + record.getEventSource()
                        + "', not aws:sns");
            }
            String arn = record.getSNS().getTopicArn();
            if (arn == null || arn.isBlank()) {
                throw new InvalidInvocationException("SNS record " + i + " has no TopicArn");
            }
            arns.add(arn);
        }
        return arns;
    }
}
