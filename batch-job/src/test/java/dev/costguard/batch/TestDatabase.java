package dev.costguard.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server (embedded binaries, no Docker) under target/, with one fresh database per test. */
final class TestDatabase implements AutoCloseable {

    static final String USER = "postgres";

    private final EmbeddedPostgres server;

    private TestDatabase(EmbeddedPostgres server) {
        this.server = server;
    }

    static TestDatabase start(String name) {
        Path work = Path.of(System.getProperty("batch.work", "target/it"));
        try {
            Files.createDirectories(work);
            return new TestDatabase(EmbeddedPostgres.builder()
                    .setDataDirectory(work.resolve("pg-data-" + name))
                    .setCleanDataDirectory(true)
                    .setOverrideWorkingDirectory(work.resolve("pg-binaries").toFile())
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL under " + work, e);
        }
    }

    int port() {
        return server.getPort();
    }

    /** Creates an empty database; {@link #createApiSchema} gives it the API's tables, as the API would. */
    String createDatabase(String name) throws SQLException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        return name;
    }

    /** The API's tables in public, created plainly (an API without Flyway): a non-empty schema without history. */
    void createApiSchema(String database) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(apiSchemaSql());
        }
    }

    /** The API's tables in public through the API's own Flyway history (public.flyway_schema_history). */
    void createApiSchemaWithFlyway(String database) {
        Flyway.configure()
                .dataSource(jdbcUrl(database), USER, "")
                .locations("classpath:api-migration")
                .load()
                .migrate();
    }

    static String apiSchemaSql() {
        try (var in = TestDatabase.class.getResourceAsStream("/api-migration/V1__api_schema.sql")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, "");
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
