package dev.costguard.core.ports;

/** Publishes a message to a topic (SNS). */
public interface Notifier {

    /** Returns the message id the service assigned. */
    String publish(String topicArn, String subject, String message);
}
