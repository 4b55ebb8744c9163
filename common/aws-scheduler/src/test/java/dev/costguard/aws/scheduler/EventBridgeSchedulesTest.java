package dev.costguard.aws.scheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.aws.LocalAws;
import dev.costguard.core.ports.Schedules.Schedule;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

class EventBridgeSchedulesTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/costguard-dev-recovery-scheduler";
    private static final String TARGET = "arn:aws:lambda:ap-northeast-1:123456789012:function:costguard-dev-recovery:live";

    @RegisterExtension
    static final LocalAws aws = new LocalAws(2);
    private static final EventBridgeSchedules schedules = new EventBridgeSchedules(aws.client(SchedulerClient.builder()));

    @Test
    void readsTheTargetAndRoleOfASchedule() {
        aws.server().stubFor(get(urlEqualTo("/schedules/costguard-dev-recovery?groupName=default")).willReturn(okJson(
                "{\"Name\":\"costguard-dev-recovery\",\"GroupName\":\"default\",\"State\":\"ENABLED\","
                        + "\"ScheduleExpression\":\"cron(5 0 1 * ? *)\",\"Target\":{\"Arn\":\"" + TARGET + "\",\"RoleArn\":\"" + ROLE + "\"}}")));

        assertThat(schedules.find("default", "costguard-dev-recovery"))
                .hasValue(new Schedule("default", "costguard-dev-recovery", TARGET, ROLE, "ENABLED"));
    }

    @Test
    void aMissingScheduleIsEmpty() {
        aws.server().stubFor(get(urlPathEqualTo("/schedules/nope")).willReturn(aResponse().withStatus(404)
                .withHeader("x-amzn-ErrorType", "ResourceNotFoundException").withHeader("Content-Type", "application/json")
                .withBody("{\"Message\":\"Schedule nope does not exist.\"}")));

        assertThat(schedules.find("default", "nope")).isEmpty();
    }

    @Test
    void createsAOneOffAtScheduleThatDeletesItselfAndIsNeverRetried() {
        aws.server().stubFor(post(urlEqualTo("/schedules/costguard-smoke-1")).willReturn(okJson(
                "{\"ScheduleArn\":\"arn:aws:scheduler:ap-northeast-1:123456789012:schedule/default/costguard-smoke-1\"}")));

        schedules.createOneOff("default", "costguard-smoke-1", Instant.parse("2026-12-02T14:31:07.250Z"), TARGET, ROLE,
                "{\"trigger\":\"manual\",\"dryRun\":true}");

        aws.server().verify(1, postRequestedFor(urlEqualTo("/schedules/costguard-smoke-1")).withRequestBody(equalToJson(
                "{\"GroupName\":\"default\",\"ScheduleExpression\":\"at(2026-12-02T14:31:07)\",\"ScheduleExpressionTimezone\":\"UTC\","
                        + "\"FlexibleTimeWindow\":{\"Mode\":\"OFF\"},\"ActionAfterCompletion\":\"DELETE\","
                        + "\"Description\":\"${json-unit.any-string}\",\"ClientToken\":\"${json-unit.any-string}\","
                        + "\"Target\":{\"Arn\":\"" + TARGET + "\",\"RoleArn\":\"" + ROLE + "\","
                        + "\"Input\":\"{\\\"trigger\\\":\\\"manual\\\",\\\"dryRun\\\":true}\","
                        + "\"RetryPolicy\":{\"MaximumRetryAttempts\":0,\"MaximumEventAgeInSeconds\":60}}}")));
    }

    @Test
    void deletingAScheduleThatIsAlreadyGoneIsNotAnError() {
        aws.server().stubFor(delete(urlPathEqualTo("/schedules/costguard-smoke-1")).willReturn(aResponse().withStatus(404)
                .withHeader("x-amzn-ErrorType", "ResourceNotFoundException").withHeader("Content-Type", "application/json")
                .withBody("{\"Message\":\"Schedule costguard-smoke-1 does not exist.\"}")));

        schedules.delete("default", "costguard-smoke-1");

        aws.server().verify(1, deleteRequestedFor(urlPathEqualTo("/schedules/costguard-smoke-1"))
                .withQueryParam("groupName", equalTo("default")));
    }
}
