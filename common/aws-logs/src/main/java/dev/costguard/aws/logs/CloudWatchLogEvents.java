package dev.costguard.aws.logs;

import dev.costguard.aws.AwsCall;
import dev.costguard.aws.AwsClients;
import dev.costguard.core.ports.LogEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/** Log events through FilterLogEvents, every page. */
@ApplicationScoped
public class CloudWatchLogEvents implements LogEvents {

    private final CloudWatchLogsClient logs;

    /** For a command-line tool outside Quarkus (make doctor, make smoke): its own client from the shared setup. */
    public static CloudWatchLogEvents standalone(AwsClients clients) {
        return new CloudWatchLogEvents(clients.build(CloudWatchLogsClient.builder()));
    }

    @Inject
    public CloudWatchLogEvents(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    @Override
    public List<String> matching(String logGroup, Instant from, String filterPattern) {
        List<String> messages = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            FilterLogEventsResponse response = AwsCall.run("FilterLogEvents", logGroup, () -> logs.filterLogEvents(r -> r
                    .logGroupName(logGroup).startTime(from.toEpochMilli()).filterPattern(filterPattern).nextToken(page)));
            response.events().stream().map(FilteredLogEvent::message).forEach(messages::add);
            token = response.nextToken();
        } while (token != null);
        return messages;
    }
}
