package dev.costguard.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * SNS's query protocol: Publish, keeping every message so the demo can show the report that was sent, and
 * CreateTopic for a seeder. Publish does not insist on a created topic: the sample account plays topics it never created.
 */
final class SnsHandler implements ServiceHandler {

    static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
    static final String API_VERSION = "2010-03-31";

    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
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
    public List<String> operations() {
        return List.of("Publish", "CreateTopic");
    }

    @Override
    public String operation(AwsRequest request) {
        String action = request.form().getOrDefault("Action", "");
        return action.isEmpty() ? "?" : action;
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        Map<String, String> form = request.form();
        String action = form.getOrDefault("Action", "");
        log.operation(operation(request));
        return switch (action) {
            case "Publish" -> publish(form, log);
            case "CreateTopic" -> createTopic(form, log);
            default -> throw AwsError.client("InvalidAction", "The fake account implements SNS Publish and CreateTopic, not '" + action + "'");
        };
    }

    /** CreateTopic is idempotent in SNS: the same name gives back the same ARN. */
    private AwsResponse createTopic(Map<String, String> form, CallLog log) {
        String name = form.getOrDefault("Name", "");
        log.subject(name);
        if (!TOPIC_NAME.matcher(name).matches()) {
            throw AwsError.client("InvalidParameter",
                    "Invalid parameter: Topic Name must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.");
        }
        String topicArn = "arn:aws:sns:" + AccountState.REGION + ":" + AccountState.ACCOUNT_ID + ":" + name;
        log.detail(account.topics.add(topicArn) ? "created" : "exists");
        Xml xml = Xml.document("CreateTopicResponse", NAMESPACE)
                .open("CreateTopicResult").leaf("TopicArn", topicArn).close()
                .open("ResponseMetadata").leaf("RequestId", UUID.randomUUID()).close();
        return AwsResponse.xml(200, xml.toString());
    }

    private AwsResponse publish(Map<String, String> form, CallLog log) {
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
