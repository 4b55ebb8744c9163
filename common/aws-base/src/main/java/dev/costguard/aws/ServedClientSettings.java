package dev.costguard.aws;

import dev.costguard.core.settings.SettingsReader;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.Optional;
import java.util.Set;

/**
 * One set of variables for every client: answers the Quarkus AWS extensions' client properties
 * ({@code quarkus.ssm.endpoint-override}, {@code quarkus.sns.aws.region}, ...) from the COSTGUARD_AWS_* settings,
 * so the SSM and SNS clients the extensions build get the same endpoint, region, call timeout and credentials as
 * the plain clients of {@link AwsClients}. A property set explicitly still wins.
 * <p>
 * Only a complete, valid set is mapped: a bad value (say an endpoint that is no URL) would otherwise fail the
 * extension's own conversion while Quarkus starts, with an exception Lambda reports only by its outermost message.
 * Left unmapped, Quarkus starts and the {@link SettingsGate} fails every invocation with the message naming the
 * variable, before any client is built.
 */
@Priority(Priorities.APPLICATION)
public class ServedClientSettings implements ConfigSourceInterceptor {

    /** The services whose clients come from a Quarkus extension; the others are built by {@link AwsClients}. */
    static final Set<String> SERVED = Set.of("ssm", "sns");
    static final String SOURCE = "COSTGUARD_AWS_* (dev.costguard.aws.ServedClientSettings)";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue explicit = context.proceed(name);
        if ((explicit != null && !isDefault(explicit)) || !name.startsWith("quarkus.")) {
            return explicit;
        }
        int dot = name.indexOf('.', "quarkus.".length());
        if (dot < 0 || !SERVED.contains(name.substring("quarkus.".length(), dot))) {
            return explicit;
        }
        return mapped(context, name.substring(dot + 1))
                .map(value -> ConfigValue.builder().withName(name).withValue(value).withConfigSourceName(SOURCE).build())
                .orElse(explicit);
    }

    /** The extension's own default (credentials type "default") is what the mapping replaces, not a user's setting. */
    private static boolean isDefault(ConfigValue value) {
        return value.getConfigSourceOrdinal() == Integer.MIN_VALUE
                || String.valueOf(value.getConfigSourceName()).startsWith("DefaultValuesConfigSource");
    }

    private static Optional<String> mapped(ConfigSourceInterceptorContext context, String property) {
        return switch (property) {
            case "endpoint-override" -> valid(context).flatMap(AwsClientSettings::endpoint).map(Object::toString);
            case "aws.region" -> valid(context).flatMap(AwsClients::region);
            case "api-call-timeout" -> valid(context).map(settings -> settings.callTimeout().toString());
            case "aws.credentials.type" -> Optional.of("custom");
            case "aws.credentials.custom-provider.name" -> Optional.of(LambdaCredentials.NAME);
            default -> Optional.empty();
        };
    }

    /** The checked settings, or nothing when any of them is bad (the gate reports those). */
    private static Optional<AwsClientSettings> valid(ConfigSourceInterceptorContext context) {
        SettingsReader reader = new SettingsReader();
        AwsClientSettings settings = AwsClientSettings.read(new AwsClientConfig() {
            public Optional<String> endpointUrl() { return raw(context, "costguard.aws.endpoint-url"); }
            public Optional<String> region() { return raw(context, "costguard.aws.region"); }
            public String maxAttempts() { return raw(context, "costguard.aws.max-attempts").orElse(AwsClientConfig.DEFAULT_MAX_ATTEMPTS); }
            public String callTimeoutSeconds() { return raw(context, "costguard.aws.call-timeout-seconds").orElse(AwsClientConfig.DEFAULT_CALL_TIMEOUT_SECONDS); }
        }, reader);
        return reader.problems().isEmpty() ? Optional.of(settings) : Optional.empty();
    }

    private static Optional<String> raw(ConfigSourceInterceptorContext context, String property) {
        return Optional.ofNullable(context.proceed(property)).map(ConfigValue::getValue);
    }
}
