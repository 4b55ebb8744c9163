package dev.costguard.aws.ecs;

import dev.costguard.aws.AwsCall;
import dev.costguard.aws.AwsClients;
import dev.costguard.core.ports.TaskDefinitions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Secret;

/** A task definition's containers through DescribeTaskDefinition. */
@ApplicationScoped
public class EcsTaskDefinitions implements TaskDefinitions {

    private final EcsClient ecs;

    /** For a command-line tool outside Quarkus (make doctor, make smoke): its own client from the shared setup. */
    public static EcsTaskDefinitions standalone(AwsClients clients) {
        return new EcsTaskDefinitions(clients.build(EcsClient.builder()));
    }

    @Inject
    public EcsTaskDefinitions(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Override
    public TaskDefinition describe(String taskDefinition) {
        var definition = AwsCall.run("DescribeTaskDefinition", taskDefinition,
                () -> ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinition))).taskDefinition();
        List<Container> containers = definition.containerDefinitions().stream().map(EcsTaskDefinitions::container).toList();
        return new TaskDefinition(definition.taskDefinitionArn(), containers);
    }

    private static Container container(ContainerDefinition c) {
        return new Container(c.name(), List.copyOf(c.entryPoint()),
                new LinkedHashSet<>(c.environment().stream().map(KeyValuePair::name).toList()),
                new LinkedHashSet<>(c.secrets().stream().map(Secret::name).toList()));
    }
}
