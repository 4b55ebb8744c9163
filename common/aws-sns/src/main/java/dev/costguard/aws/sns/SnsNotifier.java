package dev.costguard.aws.sns;

import dev.costguard.aws.AwsCall;
import dev.costguard.core.ports.Notifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes to an SNS topic (the one AWS Chatbot relays to Slack). */
@ApplicationScoped
public class SnsNotifier implements Notifier {

    private final SnsClient sns;

    @Inject
    public SnsNotifier(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public String publish(String topicArn, String subject, String message) {
        return AwsCall.run("Publish", topicArn,
                () -> sns.publish(r -> r.topicArn(topicArn).subject(subject).message(message))).messageId();
    }
}
