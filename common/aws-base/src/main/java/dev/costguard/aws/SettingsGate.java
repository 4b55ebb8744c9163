package dev.costguard.aws;

import dev.costguard.core.settings.SettingsCheck;
import dev.costguard.core.settings.SettingsSection;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every setting of the function (its own sections and the AWS clients') once, at start-up, and lets a run
 * through only when all are valid.
 * <p>
 * Why a start-up that does not fail: Quarkus wraps any exception thrown while it starts ("Quarkus manual
 * initialization failed", then "Failed to start quarkus"), and Lambda's Java runtime reports only the outermost
 * message; a native build exits instead, and Lambda reports only the exit status. So bad settings are logged as the
 * function's first line (one JSON line naming every bad variable) and every invocation then fails with that same
 * message before any AWS call: that message is the error Lambda returns, in the JVM and in the native runtime.
 */
@Singleton
public class SettingsGate {

    private final List<SettingsSection> sections;
    private final PrintStream log;
    private final Clock clock;
    private SettingsCheck check;

    @Inject
    SettingsGate(Instance<SettingsSection> functionSections, AwsClientConfig aws) {
        this(functionSections.stream().toList(), aws, System.out, Clock.systemUTC());
    }

    /** The function's sections first, then the AWS clients'; a bad setting is logged as one JSON line on {@code log}. */
    public SettingsGate(List<SettingsSection> functionSections, AwsClientConfig aws, PrintStream log, Clock clock) {
        List<SettingsSection> all = new ArrayList<>(functionSections);
        all.add(reader -> AwsClientSettings.read(aws, reader));
        this.sections = List.copyOf(all);
        this.log = log;
        this.clock = clock;
    }

    /** Runs the check as the application starts (runtime configuration is ready by then), so a bad setting is the first thing the function logs. */
    void onStart(@Observes Startup started) {
        check();
    }

    /** Throws the one exception naming every bad variable; the first thing each run does. */
    public void requireValid() {
        check().requireValid();
    }

    /** The check, run once; the first call logs the JSON line when a setting is bad. */
    public synchronized SettingsCheck check() {
        if (check == null) {
            check = SettingsCheck.of(sections);
            if (!check.valid()) {
                log.println(check.logLine(clock.instant()));
                log.flush();
            }
        }
        return check;
    }
}
