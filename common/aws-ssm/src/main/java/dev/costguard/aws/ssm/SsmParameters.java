package dev.costguard.aws.ssm;

import dev.costguard.aws.AwsCall;
import dev.costguard.core.ports.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;

/** Parameter Store strings: the kill switch's snapshot and other small documents. */
@ApplicationScoped
public class SsmParameters implements Parameters {

    private final SsmClient ssm;

    @Inject
    public SsmParameters(SsmClient ssm) {
        this.ssm = ssm;
    }

    @Override
    public Optional<String> get(String name) {
        return AwsCall.run("GetParameter", name, () -> {
            try {
                return Optional.of(ssm.getParameter(r -> r.name(name)).parameter().value());
            } catch (ParameterNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public boolean putIfAbsent(String name, String value) {
        return AwsCall.run("PutParameter", name, () -> {
            try {
                write(name, value, false);
                return true;
            } catch (ParameterAlreadyExistsException e) {
                return false;
            }
        });
    }

    @Override
    public void put(String name, String value) {
        AwsCall.run("PutParameter", name, () -> write(name, value, true));
    }

    @Override
    public void delete(String name) {
        AwsCall.run("DeleteParameter", name, () -> {
            try {
                ssm.deleteParameter(r -> r.name(name));
            } catch (ParameterNotFoundException e) {
                // Already gone is what a delete wants.
            }
            return null;
        });
    }

    private PutParameterResponse write(String name, String value, boolean overwrite) {
        // Intelligent-Tiering stays Standard (free) under 4 KB and moves to Advanced only when a snapshot outgrows it.
        return ssm.putParameter(r -> r.name(name).value(value)
                .type(ParameterType.STRING)
                .tier(ParameterTier.INTELLIGENT_TIERING)
                .overwrite(overwrite));
    }
}
