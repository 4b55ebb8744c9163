package dev.costguard.aws.logs;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.aws.JsonWire;
import dev.costguard.aws.LocalAws;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

class CloudWatchLogEventsTest {

    private static final JsonWire logs = new JsonWire("Logs_20140328.", "message");

    @RegisterExtension
    static final LocalAws aws = new LocalAws(2);
    private static final CloudWatchLogEvents events = new CloudWatchLogEvents(aws.client(CloudWatchLogsClient.builder()));

    @Test
    void readsEveryPageOfMatchingEventsFromTheStartTime() {
        aws.server().stubFor(logs.operation("FilterLogEvents").withRequestBody(equalToJson(
                "{\"logGroupName\":\"/aws/lambda/costguard-dev-recovery\",\"startTime\":1764685800000,\"filterPattern\":\"run_report\"}"))
                .willReturn(logs.json("{\"events\":[{\"message\":\"first\",\"timestamp\":1764685801000}],\"nextToken\":\"t2\"}")));
        aws.server().stubFor(logs.operation("FilterLogEvents").withRequestBody(equalToJson(
                "{\"logGroupName\":\"/aws/lambda/costguard-dev-recovery\",\"startTime\":1764685800000,\"filterPattern\":\"run_report\",\"nextToken\":\"t2\"}"))
                .willReturn(logs.json("{\"events\":[{\"message\":\"second\",\"timestamp\":1764685802000}]}")));

        assertThat(events.matching("/aws/lambda/costguard-dev-recovery", Instant.ofEpochMilli(1764685800000L), "run_report"))
                .containsExactly("first", "second");
        aws.server().verify(2, logs.called("FilterLogEvents"));
    }
}
