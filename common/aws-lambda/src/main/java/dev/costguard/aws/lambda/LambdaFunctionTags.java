package dev.costguard.aws.lambda;

import dev.costguard.aws.AwsCall;
import dev.costguard.core.ports.FunctionTags;
import dev.costguard.core.snapshot.PriorTags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A function's prior-state tags through ListTags, TagResource and UntagResource. Lambda tags a function by its ARN
 * only, so the ARN is read once per function (GetFunctionConfiguration) and kept for the life of the container.
 */
@ApplicationScoped
public class LambdaFunctionTags implements FunctionTags {

    private final LambdaClient lambda;
    private final Map<String, String> arns = new ConcurrentHashMap<>();

    @Inject
    public LambdaFunctionTags(LambdaClient lambda) {
        this.lambda = lambda;
    }

    @Override
    public Map<String, String> readPriorTags(String functionName) {
        String arn = arn(functionName);
        Map<String, String> all = AwsCall.run("ListTags", functionName, () -> lambda.listTags(r -> r.resource(arn))).tags();
        Map<String, String> prior = new TreeMap<>();
        all.forEach((key, value) -> {
            if (key.startsWith(PriorTags.PREFIX)) {
                prior.put(key, value);
            }
        });
        return prior;
    }

    @Override
    public void writePriorTags(String functionName, Map<String, String> tags) {
        String arn = arn(functionName);
        AwsCall.run("TagResource", functionName, () -> lambda.tagResource(r -> r.resource(arn).tags(tags)));
    }

    @Override
    public void removePriorTags(String functionName, Collection<String> keys) {
        String arn = arn(functionName);
        List<String> tagKeys = List.copyOf(keys);
        AwsCall.run("UntagResource", functionName, () -> lambda.untagResource(r -> r.resource(arn).tagKeys(tagKeys)));
    }

    private String arn(String functionName) {
        String known = arns.get(functionName);
        if (known != null) {
            return known;
        }
        String arn = AwsCall.run("GetFunctionConfiguration", functionName,
                () -> lambda.getFunctionConfiguration(r -> r.functionName(functionName))).functionArn();
        arns.put(functionName, arn);
        return arn;
    }
}
