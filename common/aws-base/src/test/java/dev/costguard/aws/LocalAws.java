package dev.costguard.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.costguard.core.time.CurrentDeadline;
import java.time.Clock;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;

/**
 * A WireMock server playing an AWS endpoint on a free local port, and the project's own client setup pointed
 * at it: the real SDK serializes, signs and parses; tests assert the exact request AWS would receive.
 * Register it with {@code @RegisterExtension static final LocalAws aws = new LocalAws(n)}: every test starts
 * with no stubs and no recorded requests, and the clients and server close after the class.
 */
public final class LocalAws implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    private final WireMockServer server;
    private final AwsClients clients;
    private final CurrentDeadline deadline = new CurrentDeadline(Clock.systemUTC());
    private final List<SdkClient> built = new ArrayList<>();

    public LocalAws() {
        this(2);
    }

    public LocalAws(int maxAttempts) {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        clients = new AwsClients(AwsClientSettings.local(URI.create(server.baseUrl()), maxAttempts), deadline);
    }

    /** A client built the way production builds it, closed with the server. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(B builder) {
        C client = clients.build(builder);
        built.add(client);
        return client;
    }

    /** As {@link #client}, for a global service (CloudFront). */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C globalClient(B builder) {
        C client = clients.buildGlobal(builder);
        built.add(client);
        return client;
    }

    public WireMockServer server() {
        return server;
    }

    /** The run deadline the clients cap their calls to; reset to none before each test. */
    public CurrentDeadline deadline() {
        return deadline;
    }

    public AwsClients clients() {
        return clients;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.resetAll();
        deadline.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        built.forEach(SdkClient::close);
        built.clear();
        server.stop();
    }
}
