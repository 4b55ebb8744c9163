package dev.costguard.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stateful fake AWS account on a local port, so the real Lambda handlers can run end to end without AWS.
 * Usage: {@code java -jar demo.jar [--port N] [--settle-millis N] [--empty]}; the first stdout line names the endpoint,
 * every later line is one AWS call. {@code --empty} starts with no resources, for {@link SampleAccountSeeder} to create.
 * Scripted faults (an AWS error, a delay or no answer for a chosen call, an instance stuck in stopping) are set over
 * {@code /_faults}, see {@link FaultsHandler}.
 */
public final class FakeAccountServer implements AutoCloseable {

    /** How long a transitional state (stopping, pending) lasts when nobody describes the instance. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(1);

    private final HttpServer server;
    private final ExecutorService workers;
    private final ScriptedFaults faults;
    final AccountState account;

    private FakeAccountServer(HttpServer server, ExecutorService workers, ScriptedFaults faults, AccountState account) {
        this.server = server;
        this.workers = workers;
        this.faults = faults;
        this.account = account;
    }

    /** Starts on 127.0.0.1; port 0 picks a free one. Each AWS call is logged as one line on {@code callLog}. */
    public static FakeAccountServer start(int port, Duration settleAfter, PrintStream callLog) throws IOException {
        return start(port, settleAfter, callLog, false);
    }

    /** As {@link #start(int, Duration, PrintStream)}; {@code empty} starts with no resources instead of the sample account. */
    public static FakeAccountServer start(int port, Duration settleAfter, PrintStream callLog, boolean empty) throws IOException {
        return start(port, settleAfter, callLog, empty, null);
    }

    /**
     * As {@link #start(int, Duration, PrintStream, boolean)}; each call is also one JSON record (service, operation,
     * subject) on {@code callRecords} when it is not null, for the permission check of the functions' IAM policies.
     */
    public static FakeAccountServer start(int port, Duration settleAfter, PrintStream callLog, boolean empty,
            PrintStream callRecords) throws IOException {
        AccountState account = empty ? AccountState.empty(Clock.systemUTC(), settleAfter) : AccountState.sample(Clock.systemUTC(), settleAfter);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        // The SDK fans calls out (e.g. one per Lambda function), so requests are served in parallel; a thread per call
        // in flight, so calls a scripted fault delays never keep the others waiting for a worker.
        ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-aws");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        ScriptedFaults faults = new ScriptedFaults();
        server.createContext("/", new Router(account, callLog, callRecords, faults));
        server.start();
        return new FakeAccountServer(server, workers, faults, account);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        // Calls held without an answer are dropped first, so stopping never waits on them.
        faults.close();
        server.stop(0);
        workers.shutdownNow();
    }

    public static void main(String[] args) throws IOException {
        try {
            launch(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("fake-aws: " + e.getMessage());
            System.err.println("usage: java -jar demo.jar [--port N (0 = any free port)] [--settle-millis N (default 1000)] [--empty]");
            System.exit(2);
        }
    }

    /** Parses the command line, starts the server and announces it: the demo script waits for that first line. */
    static FakeAccountServer launch(String[] args, PrintStream out) throws IOException {
        int port = 0;
        Duration settle = DEFAULT_SETTLE;
        boolean empty = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--empty" -> empty = true;
                case "--port" -> port = number(flag, i + 1 < args.length ? args[++i] : null);
                case "--settle-millis" -> settle = Duration.ofMillis(number(flag, i + 1 < args.length ? args[++i] : null));
                default -> throw new IllegalArgumentException("unknown argument " + flag);
            }
        }
        FakeAccountServer server = start(port, settle, out, empty);
        out.println("listening on " + server.endpoint());
        out.flush();
        return server;
    }

    private static int number(String flag, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number of 0 or more, got " + value);
        }
    }
}
