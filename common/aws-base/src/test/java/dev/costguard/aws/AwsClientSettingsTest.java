package dev.costguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costguard.core.settings.InvalidSettingsException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AwsClientSettingsTest {

    @Test
    void inLambdaNothingIsSetAndTheDefaultsApply() {
        AwsClientSettings settings = AwsClientSettings.from(RawAwsClientConfig.defaults());

        assertThat(settings.endpoint()).isEmpty();
        assertThat(settings.region()).isEmpty();
        assertThat(settings.maxAttempts()).isEqualTo(4);
        assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @CsvSource({ "http://localhost:4566,eu-west-1", "https://aws.example.internal:8443/,ap-northeast-1",
            "http://127.0.0.1:35871,us-gov-west-1", "http://[::1]:4566,cn-north-1" })
    void aLocalEndpointAndARegionAreTakenAsGiven(String url, String region) {
        AwsClientSettings settings = AwsClientSettings.from(new RawAwsClientConfig(url, region, "1", "900"));

        assertThat(settings.endpoint()).contains(URI.create(url));
        assertThat(settings.region()).contains(region);
        assertThat(settings.callTimeout()).isEqualTo(Duration.ofMinutes(15));
    }

    @ParameterizedTest(name = "[{index}] {0}={1}")
    @CsvSource(delimiter = '|', value = {
            "endpoint|notaurl|COSTGUARD_AWS_ENDPOINT_URL 'notaurl' is not an absolute http(s) URL (e.g. http://localhost:4566)",
            "endpoint|localhost:4566|COSTGUARD_AWS_ENDPOINT_URL 'localhost:4566' is not an absolute http(s) URL",
            "endpoint|ftp://example.com|COSTGUARD_AWS_ENDPOINT_URL 'ftp://example.com' is not an absolute http(s) URL",
            "endpoint|http:///path|COSTGUARD_AWS_ENDPOINT_URL 'http:///path' is not an absolute http(s) URL",
            "endpoint|http://exa mple.com|COSTGUARD_AWS_ENDPOINT_URL 'http://exa mple.com' is not a URL",
            "region|Tokyo|COSTGUARD_AWS_REGION 'Tokyo' is not an AWS region (e.g. ap-northeast-1)",
            "region|eu-west|COSTGUARD_AWS_REGION 'eu-west' is not an AWS region",
            "attempts|0|COSTGUARD_AWS_MAX_ATTEMPTS 0 is out of range [1, 10]",
            "attempts|11|COSTGUARD_AWS_MAX_ATTEMPTS 11 is out of range [1, 10]",
            "attempts|four|COSTGUARD_AWS_MAX_ATTEMPTS 'four' is not a whole number",
            "timeout|x|COSTGUARD_AWS_CALL_TIMEOUT_SECONDS 'x' is not a whole number",
            "timeout|0|COSTGUARD_AWS_CALL_TIMEOUT_SECONDS 0 is out of range [1, 900]",
            "timeout|901|COSTGUARD_AWS_CALL_TIMEOUT_SECONDS 901 is out of range [1, 900]" })
    void aBadValueIsRefusedByItsVariableName(String setting, String value, String message) {
        RawAwsClientConfig d = RawAwsClientConfig.defaults();
        RawAwsClientConfig config = switch (setting) {
            case "endpoint" -> new RawAwsClientConfig(value, d.rawRegion(), d.maxAttempts(), d.callTimeoutSeconds());
            case "region" -> new RawAwsClientConfig(d.rawEndpointUrl(), value, d.maxAttempts(), d.callTimeoutSeconds());
            case "attempts" -> new RawAwsClientConfig(d.rawEndpointUrl(), d.rawRegion(), value, d.callTimeoutSeconds());
            default -> new RawAwsClientConfig(d.rawEndpointUrl(), d.rawRegion(), d.maxAttempts(), value);
        };

        assertThatThrownBy(() -> AwsClientSettings.from(config)).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining(message);
    }

    @Test
    void everyBadValueIsNamedInOneMessage() {
        assertThatThrownBy(() -> AwsClientSettings.from(new RawAwsClientConfig("notaurl", "Tokyo", "0", "x")))
                .hasMessage("Invalid Cost Guard settings: "
                        + "COSTGUARD_AWS_ENDPOINT_URL 'notaurl' is not an absolute http(s) URL (e.g. http://localhost:4566); "
                        + "COSTGUARD_AWS_REGION 'Tokyo' is not an AWS region (e.g. ap-northeast-1); "
                        + "COSTGUARD_AWS_MAX_ATTEMPTS 0 is out of range [1, 10]; "
                        + "COSTGUARD_AWS_CALL_TIMEOUT_SECONDS 'x' is not a whole number");
    }
}
