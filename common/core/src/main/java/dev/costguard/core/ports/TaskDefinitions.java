package dev.costguard.core.ports;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** ECS task definitions (DescribeTaskDefinition). */
public interface TaskDefinitions {

    /** The task definition, by ARN or family:revision; a missing one is a {@link CloudOperationException}. */
    TaskDefinition describe(String taskDefinition);

    record TaskDefinition(String arn, List<Container> containers) {

        public Optional<Container> container(String name) {
            return containers.stream().filter(c -> c.name().equals(name)).findFirst();
        }
    }

    /** One container: its ENTRYPOINT override (empty when the image's is used), and the names it is given. */
    record Container(String name, List<String> entryPoint, Set<String> environmentNames, Set<String> secretNames) {

        /** A variable the container gets, as a plain value or from a secret. */
        public boolean has(String variable) {
            return environmentNames.contains(variable) || secretNames.contains(variable);
        }
    }
}
