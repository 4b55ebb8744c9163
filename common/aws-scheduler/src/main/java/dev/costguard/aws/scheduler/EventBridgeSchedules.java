package dev.costguard.aws.scheduler;

import dev.costguard.aws.AwsCall;
import dev.costguard.aws.AwsClients;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.Schedules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;

/** Schedules through EventBridge Scheduler's GetSchedule, CreateSchedule and DeleteSchedule. */
@ApplicationScoped
public class EventBridgeSchedules implements Schedules {

    // https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#one-time: at(yyyy-mm-ddThh:mm:ss)
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private final SchedulerClient scheduler;

    /** For a command-line tool outside Quarkus (make doctor, make smoke): its own client from the shared setup. */
    public static EventBridgeSchedules standalone(AwsClients clients) {
        return new EventBridgeSchedules(clients.build(SchedulerClient.builder()));
    }

    @Inject
    public EventBridgeSchedules(SchedulerClient scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Optional<Schedule> find(String group, String name) {
        GetScheduleResponse response;
        try {
            response = AwsCall.run("GetSchedule", group + "/" + name, () -> scheduler.getSchedule(r -> r.groupName(group).name(name)));
        } catch (CloudOperationException e) {
            if ("ResourceNotFoundException".equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new Schedule(response.groupName(), response.name(),
                response.target() == null ? null : response.target().arn(),
                response.target() == null ? null : response.target().roleArn(), response.stateAsString()));
    }

    /** One attempt, no retries: the smoke test wants to see the first invocation work, not a retried one. */
    @Override
    public void createOneOff(String group, String name, Instant at, String targetArn, String roleArn, String input) {
        AwsCall.run("CreateSchedule", group + "/" + name, () -> scheduler.createSchedule(r -> r
                .groupName(group)
                .name(name)
                .scheduleExpression("at(" + AT.format(at.truncatedTo(ChronoUnit.SECONDS)) + ")")
                .scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .description("Cost Guard smoke test: fires once, then deletes itself")
                .target(t -> t.arn(targetArn).roleArn(roleArn).input(input)
                        .retryPolicy(p -> p.maximumRetryAttempts(0).maximumEventAgeInSeconds(60)))));
    }

    @Override
    public void delete(String group, String name) {
        try {
            AwsCall.run("DeleteSchedule", group + "/" + name, () -> scheduler.deleteSchedule(r -> r.groupName(group).name(name)));
        } catch (CloudOperationException e) {
            if (!"ResourceNotFoundException".equals(e.errorCode())) {
                throw e;
            }
        }
    }
}
