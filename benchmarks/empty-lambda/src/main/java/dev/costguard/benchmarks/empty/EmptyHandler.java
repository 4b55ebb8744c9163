package dev.costguard.benchmarks.empty;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.util.Map;

/** Answers every event at once: what is left of a cold start is Quarkus's own boot and the runtime round trip. */
@Named("empty")
public class EmptyHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return Map.of("received", input == null ? 0 : input.size());
    }
}
