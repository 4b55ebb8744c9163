package dev.costguard.aws.sfn;

import dev.costguard.aws.AwsCall;
import dev.costguard.aws.AwsClients;
import dev.costguard.core.ports.Executions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/** State machine executions through StartExecution and DescribeExecution. */
@ApplicationScoped
public class StepFunctionsExecutions implements Executions {

    private final SfnClient sfn;

    /** For a command-line tool outside Quarkus (make doctor, make smoke): its own client from the shared setup. */
    public static StepFunctionsExecutions standalone(AwsClients clients) {
        return new StepFunctionsExecutions(clients.build(SfnClient.builder()));
    }

    @Inject
    public StepFunctionsExecutions(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public String start(String stateMachineArn, String name, String input) {
        return AwsCall.run("StartExecution", stateMachineArn,
                () -> sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name).input(input))).executionArn();
    }

    @Override
    public Execution describe(String executionArn) {
        DescribeExecutionResponse response = AwsCall.run("DescribeExecution", executionArn,
                () -> sfn.describeExecution(r -> r.executionArn(executionArn)));
        return new Execution(response.executionArn(), response.statusAsString(), Optional.ofNullable(response.output()),
                Optional.ofNullable(response.error()), Optional.ofNullable(response.cause()));
    }
}
