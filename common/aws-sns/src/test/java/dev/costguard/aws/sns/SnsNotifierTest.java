package dev.costguard.aws.sns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.CloudOperationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;

class SnsNotifierTest {

    private static final int MAX_ATTEMPTS = 2;
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:cost-guard-results";
    private static final String MESSAGE_ID = "95df01b4-ee98-5cb9-9903-4c221d41eb5e";

    @RegisterExtension
    static final LocalAws aws = new LocalAws(MAX_ATTEMPTS);
    private static final SnsClient client = aws.client(SnsClient.builder());
    private static final SnsNotifier notifier = new SnsNotifier(client);

    @Test
    void publishesSubjectAndMessageToTheTopicAndReturnsTheMessageId() {
        server().stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/xml")
                .withBody("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                        + "<PublishResult><MessageId>" + MESSAGE_ID + "</MessageId></PublishResult>"
                        + "<ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId>"
                        + "</ResponseMetadata></PublishResponse>")));
        String message = "{\"version\":\"1.0\",\"source\":\"custom\",\"content\":{\"title\":\"停止しました & done\"}}";

        String messageId = notifier.publish(TOPIC, "Cost Guard shutdown: SUCCEEDED", message);

        assertThat(messageId).isEqualTo(MESSAGE_ID);
        server().verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("Action=Publish"))
                .withRequestBody(containing("Version=2010-03-31"))
                .withRequestBody(containing("TopicArn=arn%3Aaws%3Asns%3Aeu-west-1%3A123456789012%3Acost-guard-results"))
                .withRequestBody(containing("Subject=Cost+Guard+shutdown%3A+SUCCEEDED"))
                .withRequestBody(containing("Message=%7B%22version%22%3A%221.0%22"))
                .withRequestBody(containing("%22%E5%81%9C%E6%AD%A2%E3%81%97%E3%81%BE%E3%81%97%E3%81%9F+%26+done%22"))
                .withFormParam("TopicArn", equalTo(TOPIC))
                .withFormParam("Subject", equalTo("Cost Guard shutdown: SUCCEEDED"))
                .withFormParam("Message", equalTo(message)));
    }

    @Test
    void aServerErrorIsACloudOperationExceptionNamingTheTopic() {
        server().stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "text/xml")
                .withBody("<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                        + "<Error><Type>Receiver</Type><Code>InternalError</Code>"
                        + "<Message>Internal service error</Message></Error>"
                        + "<RequestId>a8dec8b3-33a4-11df-8963-01868b7c937a</RequestId></ErrorResponse>")));

        assertThatThrownBy(() -> notifier.publish(TOPIC, "subject", "message"))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.operation()).isEqualTo("Publish");
                    assertThat(e.errorCode()).isEqualTo("InternalError");
                    assertThat(e.httpStatus()).isEqualTo(500);
                    assertThat(e.getMessage()).contains(TOPIC, "Internal service error");
                });
        server().verify(MAX_ATTEMPTS, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void aMissingTopicIsNotRetried() {
        server().stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/xml")
                .withBody("<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                        + "<Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error>"
                        + "<RequestId>b9e0d7c4-33a4-11df-8963-01868b7c937a</RequestId></ErrorResponse>")));

        assertThatThrownBy(() -> notifier.publish(TOPIC, "subject", "message"))
                .isInstanceOfSatisfying(CloudOperationException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("NotFound"));
        server().verify(1, postRequestedFor(urlEqualTo("/")));
    }

    private static WireMockServer server() {
        return aws.server();
    }
}
