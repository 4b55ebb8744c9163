package dev.costguard.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;

/**
 * A WireMock server playing an AWS endpoint on a free local port, and the project's own client setup pointed
 * at it: the real SDK serializes, signs and parses; tests assert the exact request AWS would receive.
 */
public final class LocalAws implements AutoCloseable {

    private final WireMockServer server;
    private final AwsClients clients;

    public LocalAws() {
        this(2);
    }

    public LocalAws(int maxAttempts) {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        clients = new AwsClients(AwsClientSettings.local(URI.create(server.baseUrl()), maxAttempts));
    }

    public WireMockServer server() {
        return server;
    }

    public AwsClients clients() {
        return clients;
    }

    @Override
    public void close() {
        server.stop();
    }
}
