package dev.costguard.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * For Quarkus tests of the clients the extensions build: a WireMock server on a free port given to the application as
 * COSTGUARD_AWS_ENDPOINT_URL, with the settings below (or {@code bad-endpoint} as the endpoint when that init
 * argument is set). Tests reach the server through its admin API ({@link #wireMock}), which works from any class loader.
 */
public class LocalAwsResource implements QuarkusTestResourceLifecycleManager {

    public static final String REGION = "eu-west-1";
    public static final int MAX_ATTEMPTS = 3;
    public static final int CALL_TIMEOUT_SECONDS = 7;
    public static final String ACCESS_KEY = "AKIDLOCALAWSRESOURCE";

    private WireMockServer server;
    private String badEndpoint;

    @Override
    public void init(Map<String, String> initArgs) {
        badEndpoint = initArgs.get("bad-endpoint");
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        // SystemPropertyCredentialsProvider answers first in aws-base's chain, the one every client uses.
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", "local-secret");
        Map<String, String> config = new HashMap<>();
        config.put("costguard.aws.endpoint-url", badEndpoint != null ? badEndpoint : server.baseUrl());
        config.put("costguard.aws.region", REGION);
        config.put("costguard.aws.max-attempts", String.valueOf(MAX_ATTEMPTS));
        config.put("costguard.aws.call-timeout-seconds", String.valueOf(CALL_TIMEOUT_SECONDS));
        config.put("costguard.test.wiremock-url", server.baseUrl());
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    /** A client of the server's admin API, from the URL the resource handed the application. */
    public static WireMock wireMock(String wireMockUrl) {
        URI url = URI.create(wireMockUrl);
        return new WireMock(url.getHost(), url.getPort());
    }
}
