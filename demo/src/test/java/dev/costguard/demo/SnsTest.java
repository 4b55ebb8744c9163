package dev.costguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnsTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:cost-guard-reports";

    private final FakeAccount aws = new FakeAccount();

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void publishKeepsTheMessageForTheDemoToShow() {
        HttpResponse<String> response = aws.formCall("Action", "Publish", "Version", "2010-03-31", "TopicArn", TOPIC,
                "Subject", "Kill switch: SUCCEEDED", "Message", "{\"version\":\"1.0\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<PublishResponse xmlns=\"" + SnsHandler.NAMESPACE + "\">");
        assertThat(FakeAccount.xmlText(response, "MessageId")).isNotBlank();
        assertThat(aws.state().at("/sns/messages").asInt()).isEqualTo(1);
        assertThat(FakeAccount.json(aws.get("/_demo/messages")).get(0).get("message").asText()).isEqualTo("{\"version\":\"1.0\"}");
    }

    @Test
    void aSubjectSnsWouldRejectIsAnInvalidParameter() {
        HttpResponse<String> response = aws.formCall("Action", "Publish", "Version", "2010-03-31", "TopicArn", TOPIC,
                "Subject", "two\nlines", "Message", "m");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(FakeAccount.xmlText(response, "Code")).isEqualTo("InvalidParameter");
        assertThat(aws.state().at("/sns/messages").asInt()).isZero();
    }

    @Test
    void createTopicGivesTheSameArnForTheSameNameAndShowsInTheState() {
        HttpResponse<String> first = aws.formCall("Action", "CreateTopic", "Version", "2010-03-31", "Name", "cost-guard-demo-alert");
        HttpResponse<String> second = aws.formCall("Action", "CreateTopic", "Version", "2010-03-31", "Name", "cost-guard-demo-alert");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("<CreateTopicResponse xmlns=\"" + SnsHandler.NAMESPACE + "\">");
        String arn = FakeAccount.xmlText(first, "TopicArn");
        assertThat(arn).isEqualTo("arn:aws:sns:eu-west-1:123456789012:cost-guard-demo-alert");
        assertThat(FakeAccount.xmlText(second, "TopicArn")).isEqualTo(arn);
        assertThat(aws.state().at("/sns/topics")).hasSize(1);
        assertThat(aws.state().at("/sns/topics/0").asText()).isEqualTo(arn);
    }

    @Test
    void aTopicNameSnsWouldRejectIsAnInvalidParameter() {
        HttpResponse<String> response = aws.formCall("Action", "CreateTopic", "Version", "2010-03-31", "Name", "cost guard");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(FakeAccount.xmlText(response, "Code")).isEqualTo("InvalidParameter");
        assertThat(aws.state().at("/sns/topics")).isEmpty();
    }
}
