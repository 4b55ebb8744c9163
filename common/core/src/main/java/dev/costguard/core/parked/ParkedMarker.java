package dev.costguard.core.parked;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.costguard.core.json.Json;
import dev.costguard.core.ports.ParkedState;
import dev.costguard.core.ports.Parameters;
import java.time.Instant;
import java.util.Optional;

/**
 * The parked marker as an SSM parameter: a small JSON document ({@code {"parked_since": ..., "trigger": ...}})
 * written with Overwrite=false, so the first kill switch run's time stays. Its existence is what parks the estate;
 * the content only says since when, so a document this build cannot read still counts as parked. The nightly
 * state machine reads the same parameter (ssm:GetParameter) and only checks that it exists.
 */
public final class ParkedMarker implements ParkedState {

    /** The document's shape; extra fields a later version adds are ignored by {@link #read()}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Document(Instant parkedSince, String trigger) {
    }

    private static final ObjectReader READER = Json.MAPPER.readerFor(Document.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Parameters parameters;
    private final String parameter;

    public ParkedMarker(Parameters parameters, String parameter) {
        this.parameters = parameters;
        this.parameter = parameter;
    }

    @Override
    public String where() {
        return "SSM parameter " + parameter;
    }

    @Override
    public Optional<Parked> read() {
        return parameters.get(parameter).map(ParkedMarker::decode);
    }

    @Override
    public boolean park(Parked parked) {
        return parameters.putIfAbsent(parameter, Json.write(new Document(parked.since(), parked.trigger())));
    }

    @Override
    public void lift() {
        parameters.delete(parameter);
    }

    static Parked decode(String stored) {
        try {
            Document document = READER.readValue(stored);
            return new Parked(document.parkedSince(), document.trigger());
        } catch (JsonProcessingException | RuntimeException e) {
            // Someone wrote the marker by hand, or a later build changed it: it still parks the estate.
            return new Parked(null, null);
        }
    }
}
