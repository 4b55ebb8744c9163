package dev.costguard.demo;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** SNS's query protocol: Publish, keeping every message so the demo can show the report that was sent. */
final class SnsHandler implements ServiceHandler {

    static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
    static final String API_VERSION = "2010-03-31";

    private static final int MAX_SUBJECT = 100;
    private static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private final AccountState account;

    SnsHandler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "sns";
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        Map<String, String> form = request.form();
        String action = form.getOrDefault("Action", "");
        log.operation(action.isEmpty() ? "?" : action);
        if (!action.equals("Publish")) {
            throw AwsError.client("InvalidAction", "The fake account implements only SNS Publish, not '" + action + "'");
        }
        String topicArn = form.getOrDefault("TopicArn", form.get("TargetArn"));
        String subject = form.get("Subject");
        String message = form.get("Message");
        log.subject(topicArn == null ? "?" : topicArn).detail(subject == null ? "" : "\"" + subject + "\"");
        if (topicArn == null || !topicArn.startsWith("arn:aws:sns:")) {
            throw AwsError.client("InvalidParameter", "Invalid parameter: TopicArn");
        }
        if (message == null || message.isEmpty()) {
            throw AwsError.client("InvalidParameter", "Invalid parameter: Empty message");
        }
        if (message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            throw AwsError.client("InvalidParameter", "Invalid parameter: Message too long");
        }
        // SNS rejects subjects that would break e-mail headers; a report formatter must keep them short and on one line.
        if (subject != null && (subject.isEmpty() || subject.length() > MAX_SUBJECT || !subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            throw AwsError.client("InvalidParameter", "Invalid parameter: Subject");
        }
        String messageId = UUID.randomUUID().toString();
        account.published.add(new AccountState.Published(messageId, topicArn, subject, message, account.now()));
        Xml xml = Xml.document("PublishResponse", NAMESPACE)
                .open("PublishResult").leaf("MessageId", messageId).close()
                .open("ResponseMetadata").leaf("RequestId", UUID.randomUUID()).close();
        return AwsResponse.xml(200, xml.toString());
    }

    @Override
    public AwsResponse error(AwsError error) {
        Xml xml = Xml.document("ErrorResponse", NAMESPACE).open("Error")
                .leaf("Type", error.status() >= 500 ? "Receiver" : "Sender")
                .leaf("Code", error.code())
                .leaf("Message", error.getMessage())
                .close()
                .leaf("RequestId", UUID.randomUUID());
        return AwsResponse.xml(error.status(), xml.toString());
    }
}
