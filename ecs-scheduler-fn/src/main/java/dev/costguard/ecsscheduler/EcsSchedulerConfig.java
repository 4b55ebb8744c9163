package dev.costguard.ecsscheduler;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The scheduler's settings, one environment variable each (COSTGUARD_SERVICES, ...), as the Terraform module
 * ecs-scheduler sets them. Every value is optional text here: Terraform passes empty strings for "none"
 * (COSTGUARD_SKIP_DATES, COSTGUARD_RESULT_TOPIC_ARN), which Quarkus reads as missing, and
 * {@link EcsSchedulerSettings#from} checks the rest and applies the defaults, naming the variable on a problem.
 */
@ConfigMapping(prefix = "costguard")
public interface EcsSchedulerConfig {

    /** The services to put to sleep and wake, comma-separated cluster/service pairs. */
    Optional<String> services();

    /** The SSM parameter holding the remembered sizes (the versioned snapshot JSON). */
    Optional<String> snapshotParameter();

    /** The desired count a start uses for a service with no remembered size (default 1). */
    Optional<String> defaultDesiredCount();

    /** Dates (YYYY-MM-DD, comma-separated) on which a scheduled start does nothing: public holidays. */
    Optional<String> skipDates();

    /** The time zone "today" is taken in when checking the skip dates (default Asia/Tokyo). */
    Optional<String> timeZone();

    /** The SNS topic that receives the report; none means the report is only logged and returned. */
    Optional<String> resultTopicArn();

    /**
     * The kill switch's parked marker (an SSM parameter): while it exists a start changes nothing. None: the
     * scheduler does not know about the kill switch.
     */
    Optional<String> parkedParameter();

    /** true: read and report what would change, change nothing (default false). */
    Optional<String> dryRun();
}
