package dev.costguard.aws.efs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.costguard.aws.LocalAws;
import dev.costguard.core.efs.EfsFileSystem;
import dev.costguard.core.efs.MountTarget;
import dev.costguard.core.ports.CloudOperationException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.efs.EfsClient;

/** EFS speaks REST-JSON: the operation is the method and path, parameters are query strings or a JSON body. */
class EfsMountTargetsTest {

    private static final String FILE_SYSTEM = "fs-0123456789abcdef0";
    private static final String PATH = "/2015-02-01/mount-targets";

    @RegisterExtension
    static final LocalAws aws = new LocalAws(2);
    private static final EfsMountTargets targets = new EfsMountTargets(aws.client(EfsClient.builder()));

    @Test
    void listsEveryMountTargetOfTheFileSystemAcrossPages() {
        server().stubFor(get(urlPathEqualTo(PATH)).withQueryParam("FileSystemId", equalTo(FILE_SYSTEM))
                .withQueryParam("Marker", absent()).willReturn(json(
                "{\"MountTargets\":[" + description("fsmt-0aaa", "ap-northeast-1a", "subnet-0aaa", "10.0.1.10", "available")
                        + "],\"NextMarker\":\"page-2\"}")));
        server().stubFor(get(urlPathEqualTo(PATH)).withQueryParam("FileSystemId", equalTo(FILE_SYSTEM))
                .withQueryParam("Marker", equalTo("page-2")).willReturn(json(
                "{\"MountTargets\":[" + description("fsmt-0ccc", "ap-northeast-1c", "subnet-0ccc", null, "creating")
                        + "],\"Marker\":\"page-2\"}")));

        assertThat(targets.list(FILE_SYSTEM)).containsExactly(
                new MountTarget("fsmt-0aaa", "ap-northeast-1a", "subnet-0aaa", "10.0.1.10", "available"),
                new MountTarget("fsmt-0ccc", "ap-northeast-1c", "subnet-0ccc", null, "creating"));

        server().verify(2, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("FileSystemId", equalTo(FILE_SYSTEM))
                .withHeader("Authorization",
                        matching("AWS4-HMAC-SHA256 Credential=test-access-key/\\d{8}/eu-west-1/elasticfilesystem/aws4_request, .*")));
    }

    @Test
    void createsAMountTargetWithTheSubnetAndSecurityGroups() {
        server().stubFor(post(urlEqualTo(PATH)).willReturn(json(
                description("fsmt-0ddd", "ap-northeast-1d", "subnet-0ddd", "10.0.4.20", "creating"))));

        MountTarget created = targets.create(FILE_SYSTEM, "subnet-0ddd", List.of("sg-0efs", "sg-0nfs"));

        assertThat(created).isEqualTo(new MountTarget("fsmt-0ddd", "ap-northeast-1d", "subnet-0ddd", "10.0.4.20", "creating"));
        server().verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"FileSystemId\":\"" + FILE_SYSTEM + "\",\"SubnetId\":\"subnet-0ddd\","
                        + "\"SecurityGroups\":[\"sg-0efs\",\"sg-0nfs\"]}")));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "409, MountTargetConflict, A mount target already exists in this Availability Zone",
            "409, NoFreeAddressesInSubnet, The subnet has no free IP addresses",
            "409, NetworkInterfaceLimitExceeded, The account has reached its network interface limit",
            "400, SecurityGroupLimitExceeded, More than five security groups",
            "400, SubnetNotFound, No subnet subnet-0ddd",
            "404, FileSystemNotFound, File system not found",
            "409, IncorrectFileSystemLifeCycleState, The file system is not available" })
    void aRefusedCreateCarriesEfsErrorCode(int status, String code, String message) {
        server().stubFor(post(urlEqualTo(PATH)).willReturn(error(status, code, message)));

        assertThatThrownBy(() -> targets.create(FILE_SYSTEM, "subnet-0ddd", List.of("sg-0efs")))
                .isInstanceOfSatisfying(CloudOperationException.class, e -> {
                    assertThat(e.operation()).isEqualTo("CreateMountTarget");
                    assertThat(e.errorCode()).isEqualTo(code);
                    assertThat(e.httpStatus()).isEqualTo(status);
                    assertThat(e.getMessage()).isEqualTo("CreateMountTarget " + FILE_SYSTEM + " in subnet-0ddd failed: "
                            + code + " (HTTP " + status + "): " + message);
                });
        // A refusal is an answer, not a fault: retrying it would only repeat it (and risk a second target).
        server().verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void readsOneMountTargetByIdWhilePolling() {
        server().stubFor(get(urlEqualTo(PATH + "?MountTargetId=fsmt-0ddd")).willReturn(json(
                "{\"MountTargets\":[" + description("fsmt-0ddd", "ap-northeast-1d", "subnet-0ddd", "10.0.4.20", "available")
                        + "]}")));

        assertThat(targets.find("fsmt-0ddd")).hasValue(
                new MountTarget("fsmt-0ddd", "ap-northeast-1d", "subnet-0ddd", "10.0.4.20", "available"));
        server().verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("MountTargetId", equalTo("fsmt-0ddd"))
                .withQueryParam("FileSystemId", absent()));
    }

    @Test
    void aMountTargetEfsNoLongerKnowsIsEmpty() {
        server().stubFor(get(urlEqualTo(PATH + "?MountTargetId=fsmt-0gone"))
                .willReturn(error(404, "MountTargetNotFound", "Mount target fsmt-0gone not found")));

        assertThat(targets.find("fsmt-0gone")).isEmpty();
    }

    @Test
    void aListingErrorNamesTheFileSystemAndCode() {
        server().stubFor(get(urlEqualTo(PATH + "?FileSystemId=" + FILE_SYSTEM))
                .willReturn(error(404, "FileSystemNotFound", "File system '" + FILE_SYSTEM + "' does not exist.")));

        assertThatThrownBy(() -> targets.list(FILE_SYSTEM)).isInstanceOfSatisfying(CloudOperationException.class,
                e -> assertThat(e.getMessage()).isEqualTo("DescribeMountTargets " + FILE_SYSTEM
                        + " failed: FileSystemNotFound (HTTP 404): File system '" + FILE_SYSTEM + "' does not exist."));
    }

    // https://docs.aws.amazon.com/efs/latest/ug/API_DescribeFileSystems.html: GET /2015-02-01/file-systems?FileSystemId=;
    // AvailabilityZoneName is present only for One Zone file systems.
    @Test
    void readsARegionalFileSystemWithoutAZone() {
        server().stubFor(get(urlEqualTo("/2015-02-01/file-systems?FileSystemId=" + FILE_SYSTEM)).willReturn(json(
                "{\"FileSystems\":[" + fileSystem(null) + "]}")));

        assertThat(targets.fileSystem(FILE_SYSTEM)).isEqualTo(new EfsFileSystem(FILE_SYSTEM, "available", Optional.empty()));
        server().verify(1, getRequestedFor(urlPathEqualTo("/2015-02-01/file-systems"))
                .withQueryParam("FileSystemId", equalTo(FILE_SYSTEM))
                .withQueryParam("CreationToken", absent())
                .withHeader("Authorization",
                        matching("AWS4-HMAC-SHA256 Credential=test-access-key/\\d{8}/eu-west-1/elasticfilesystem/aws4_request, .*")));
    }

    @Test
    void readsTheZoneOfAOneZoneFileSystem() {
        server().stubFor(get(urlEqualTo("/2015-02-01/file-systems?FileSystemId=" + FILE_SYSTEM)).willReturn(json(
                "{\"FileSystems\":[" + fileSystem("ap-northeast-1a") + "]}")));

        EfsFileSystem read = targets.fileSystem(FILE_SYSTEM);

        assertThat(read.oneZone()).isTrue();
        assertThat(read.availabilityZoneName()).hasValue("ap-northeast-1a");
    }

    @Test
    void anUnknownFileSystemNamesTheEfsErrorCode() {
        server().stubFor(get(urlEqualTo("/2015-02-01/file-systems?FileSystemId=" + FILE_SYSTEM))
                .willReturn(error(404, "FileSystemNotFound", "File system '" + FILE_SYSTEM + "' does not exist.")));

        assertThatThrownBy(() -> targets.fileSystem(FILE_SYSTEM)).isInstanceOfSatisfying(CloudOperationException.class,
                e -> {
                    assertThat(e.errorCode()).isEqualTo("FileSystemNotFound");
                    assertThat(e.getMessage()).startsWith("DescribeFileSystems " + FILE_SYSTEM + " failed: FileSystemNotFound");
                });
    }

    static String fileSystem(String zone) {
        return "{\"OwnerId\":\"123456789012\",\"CreationToken\":\"tf-1\",\"FileSystemId\":\"" + FILE_SYSTEM + "\","
                + "\"CreationTime\":1.7E9,\"LifeCycleState\":\"available\",\"NumberOfMountTargets\":2,"
                + "\"SizeInBytes\":{\"Value\":6144},\"PerformanceMode\":\"generalPurpose\",\"Encrypted\":true,"
                + "\"ThroughputMode\":\"elastic\",\"Tags\":[]"
                + (zone == null ? "" : ",\"AvailabilityZoneName\":\"" + zone + "\",\"AvailabilityZoneId\":\"apne1-az4\"")
                + "}";
    }

    static String description(String id, String az, String subnet, String ip, String state) {
        return "{\"OwnerId\":\"123456789012\",\"MountTargetId\":\"" + id + "\",\"FileSystemId\":\"" + FILE_SYSTEM
                + "\",\"SubnetId\":\"" + subnet + "\",\"LifeCycleState\":\"" + state + "\","
                + (ip == null ? "" : "\"IpAddress\":\"" + ip + "\",")
                + "\"NetworkInterfaceId\":\"eni-0" + id.substring(5) + "\",\"AvailabilityZoneId\":\"apne1-az1\","
                + "\"AvailabilityZoneName\":\"" + az + "\",\"VpcId\":\"vpc-0a1b2c3d\"}";
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** EFS names the error in the x-amzn-ErrorType header and again in the body's ErrorCode. */
    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", code)
                .withBody("{\"ErrorCode\":\"" + code + "\",\"Message\":\"" + message + "\"}");
    }

    private static WireMockServer server() {
        return aws.server();
    }
}
