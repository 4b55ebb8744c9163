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

    /** Creates an empty database; {@link #migrate} gives it the job's schema. */
    String createDatabase(String name) throws SQLException {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        return name;
    }

    /** The job's own Flyway migrations, so the test can load orders before the first run. */
    void migrate(String database) {
        Flyway.configure()
                .dataSource(jdbcUrl(database), USER, "")
                .locations("classpath:db/migration")
                .load()
                .migrate();
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
