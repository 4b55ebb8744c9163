package dev.costguard.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SSM parameter names as PutParameter takes them: letters, digits, {@code _.-}, {@code /} between levels, at most
 * 1011 characters (the 2048 of the API reference less the 1037 AWS keeps for internal use:
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html).
 */
class ParameterNameTest {

    static String nameOf(int length) {
        return "/" + "p".repeat(length - 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 64, 1010, 1011})
    void aHierarchicalNameUpTo1011CharactersIsAccepted(int length) {
        SettingsReader reader = new SettingsReader();
        String name = nameOf(length);

        assertThat(reader.parameterName("costguard.parked-parameter", Optional.of(name), "the marker")).isEqualTo(name);
        reader.check();
    }

    @ParameterizedTest
    @ValueSource(ints = {1012, 2048})
    void aLongerNameIsRefusedWithTheLimitNamed(int length) {
        SettingsReader reader = new SettingsReader();

        assertThat(reader.parameterName("costguard.parked-parameter", Optional.of(nameOf(length)), "the marker")).isNull();
        assertThatThrownBy(reader::check).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("COSTGUARD_PARKED_PARAMETER '/ppp")
                .hasMessageContaining("is not an SSM parameter name (/cost-guard/dev/snapshot, at most 1011 characters)");
    }

    // Each level must hold something: SSM's own ValidationException says a path "can consist of sub-paths divided by
    // slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_" (the
    // message GetParameter/PutParameter return for a bad name, quoted in aws/aws-sdk-js-v3 issue 5928 and
    // localstack/localstack issue 11538).
    @ParameterizedTest
    @ValueSource(strings = {"/cost-guard//parked", "/cost-guard/parked/", "/", "/cost guard", "/cost-guard/p@rked"})
    void anEmptyLevelOrAnotherCharacterIsRefused(String name) {
        SettingsReader reader = new SettingsReader();

        assertThat(reader.parameterName("costguard.parked-parameter", Optional.of(name), "the marker")).isNull();
        assertThatThrownBy(reader::check).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("COSTGUARD_PARKED_PARAMETER '" + name + "' is not an SSM parameter name");
    }
}
