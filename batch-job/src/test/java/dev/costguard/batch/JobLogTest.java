package dev.costguard.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The job's hand-written JSON lines must be JSON that a real parser reads back to the same values. */
class JobLogTest {

    private static final ObjectMapper PARSER = new ObjectMapper();

    private static Map<String, Object> parse(String json) throws Exception {
        return PARSER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    @Test
    void writesOneParsableLinePerEventWithTheFixedFieldsFirst() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JobLog log = new JobLog(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Clock.fixed(Instant.parse("2026-11-30T17:00:00Z"), ZoneOffset.UTC));

        log.info("aggregate", "committed", "rows_written", 500, "revenue", new BigDecimal("199979552.71"),
                "from_argument", true, "retry_in_ms", null, "error", "bad \"day\"\n");
        log.error("arguments", "rejected", "error", "x");

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        Map<String, Object> first = parse(lines.get(0));
        assertThat(first.keySet()).containsExactly("time", "level", "logger", "uptime_ms", "stage", "event",
                "rows_written", "revenue", "from_argument", "retry_in_ms", "error");
        assertThat(first).containsEntry("time", "2026-11-30T17:00:00Z").containsEntry("level", "INFO")
                .containsEntry("logger", "batch-job").containsEntry("stage", "aggregate")
                .containsEntry("event", "committed").containsEntry("rows_written", 500)
                .containsEntry("revenue", 199979552.71).containsEntry("from_argument", true)
                .containsEntry("retry_in_ms", null).containsEntry("error", "bad \"day\"\n");
        assertThat(((Number) first.get("uptime_ms")).longValue()).isPositive();
        assertThat(parse(lines.get(1))).containsEntry("level", "ERROR").containsEntry("stage", "arguments");
    }

    @Test
    void nonFiniteNumbersAreWrittenAsStringsNotAsInvalidJson() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("nan", Double.NaN);
        fields.put("infinity", Float.POSITIVE_INFINITY);
        fields.put("large", Long.MAX_VALUE);
        fields.put("ratio", 0.25);

        assertThat(parse(JobLog.toJson(fields))).containsEntry("nan", "NaN").containsEntry("infinity", "Infinity")
                .containsEntry("large", Long.MAX_VALUE).containsEntry("ratio", 0.25);
    }

    @Test
    void everyControlCharacterIsEscaped() throws Exception {
        StringBuilder controls = new StringBuilder();
        IntStream.range(0, 0x20).forEach(c -> controls.append((char) c));
        controls.append('\u007f').append('"').append('\\').append('/');

        String json = JobLog.toJson(Map.of("text", controls.toString()));

        assertThat(json.chars().filter(c -> c < 0x20)).isEmpty();
        assertThat(parse(json)).containsEntry("text", controls.toString());
    }

    static Stream<Long> seeds() {
        return new Random(20261201L).longs(50).boxed();
    }

    /** Seeded random keys and values over ASCII, controls, non-Latin text and surrogate pairs round-trip exactly. */
    @ParameterizedTest
    @MethodSource("seeds")
    void randomTextRoundTripsThroughARealParser(long seed) throws Exception {
        Random random = new Random(seed);
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
            fields.put(randomText(random) + "#" + i, random.nextBoolean() ? randomText(random) : random.nextLong());
        }

        assertThat(parse(JobLog.toJson(fields))).containsExactlyEntriesOf(fields);
    }

    private static String randomText(Random random) {
        int[] pool = {'a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', 0x00, 0x1f, 0x7f, 0xe9, 0x65e5, 0x1f600};
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.appendCodePoint(pool[random.nextInt(pool.length)]);
        }
        return text.toString();
    }
}
