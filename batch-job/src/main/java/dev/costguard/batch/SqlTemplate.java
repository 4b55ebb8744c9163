package dev.costguard.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL file written with psql's {@code :'name'} variables, so the benchmark runs the very same text in psql;
 * here each variable becomes a JDBC {@code ?} bound in order.
 */
public final class SqlTemplate {

    private static final Pattern VARIABLE = Pattern.compile(":'([a-z_]+)'");

    private final String jdbcSql;
    private final List<String> parameterNames;

    private SqlTemplate(String jdbcSql, List<String> parameterNames) {
        this.jdbcSql = jdbcSql;
        this.parameterNames = List.copyOf(parameterNames);
    }

    public static SqlTemplate load(String resource) {
        try (InputStream in = SqlTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("SQL resource " + resource + " is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SqlTemplate parse(String text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder sql = new StringBuilder();
        while (matcher.find()) {
            names.add(matcher.group(1));
            matcher.appendReplacement(sql, "?");
        }
        matcher.appendTail(sql);
        return new SqlTemplate(sql.toString(), names);
    }

    public String jdbcSql() {
        return jdbcSql;
    }

    public List<String> parameterNames() {
        return parameterNames;
    }

    /** The values in JDBC parameter order; every variable must have a value. */
    public List<Object> bind(Map<String, ?> values) {
        List<Object> ordered = new ArrayList<>();
        for (String name : parameterNames) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("no value for SQL variable :'" + name + "'");
            }
            ordered.add(values.get(name));
        }
        return ordered;
    }
}
