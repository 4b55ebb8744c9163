package dev.costguard.core.efs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Paths a caller may hand the router from user input: none of them may reach a file outside the mount point. */
class HostilePathTest {

    @TempDir
    Path root;

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("reports\\..\\..\\x", "leaves the mount point"),
                Arguments.of("..\\x", "leaves the mount point"),
                Arguments.of("a/b\\..\\..\\..\\x", "leaves the mount point"),
                Arguments.of("../etc/passwd", "leaves the mount point"),
                Arguments.of("a/../../b", "leaves the mount point"),
                Arguments.of("/../../etc/passwd", "leaves the mount point"),
                Arguments.of("..", "leaves the mount point"),
                Arguments.of("C:\\Windows\\win.ini", "names a drive"),
                Arguments.of("c:/x", "names a drive"),
                Arguments.of("D:x", "names a drive"),
                Arguments.of("a\0b", "NUL"),
                Arguments.of("a/b\0/../c", "NUL"),
                Arguments.of("\0etc/passwd", "NUL"),
                Arguments.of("", "empty"),
                Arguments.of("   ", "empty"),
                Arguments.of("/", "names the mount point itself"),
                Arguments.of("\\", "names the mount point itself"),
                Arguments.of("//", "names the mount point itself"),
                Arguments.of(".", "names the mount point itself"),
                Arguments.of("a/..", "names the mount point itself"),
                Arguments.of("a\\..", "names the mount point itself"),
                Arguments.of("./.\\.", "names the mount point itself"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostile")
    void everyHostilePathIsRefusedWithItsReasonAndNothingIsWritten(String path, String reason) throws IOException {
        Path outside = root.resolve("outside");
        Path mount = Files.createDirectories(root.resolve("mnt").resolve("efs-0"));
        EfsPathRouter router = EfsPathRouter.build(List.of(mount), m -> Optional.empty());

        assertThatThrownBy(() -> router.resolve(path)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
        assertThatThrownBy(() -> router.mountPointFor(path)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EfsFiles(router).write(path, "x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(outside).doesNotExist();
        try (Stream<Path> written = Files.walk(root)) {
            assertThat(written.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aLeadingBackslashIsTheFileSystemsRootNotTheHostsSoTheFileStaysUnderTheMountPoint() throws IOException {
        Path mount = Files.createDirectories(root.resolve("mnt").resolve("efs-0"));
        EfsPathRouter router = EfsPathRouter.build(List.of(mount), m -> Optional.empty());

        assertThat(router.resolve("\\etc\\passwd")).isEqualTo(mount.resolve("etc/passwd"));
        Path written = new EfsFiles(router).write("\\tmp\\x", "x".getBytes(StandardCharsets.UTF_8));

        assertThat(written).isEqualTo(mount.resolve("tmp/x"));
        assertThat(Files.readString(mount.resolve("tmp/x"))).isEqualTo("x");
    }

    @Test
    void aBackslashIsASeparatorSoWindowsStylePathsLandOnTheSameFileAsSlashedOnes() {
        EfsPathRouter router = EfsPathRouter.build(List.of(Path.of("/mnt/efs-0"), Path.of("/mnt/efs-1")),
                m -> Optional.empty());

        assertThat(router.resolve("reports\\2026\\a.csv")).isEqualTo(router.resolve("reports/2026/a.csv"));
        assertThat(router.resolve("\\reports\\.\\2026\\x\\..\\a.csv")).isEqualTo(router.resolve("reports/2026/a.csv"));
        assertThat(router.resolve("reports/2026/a.csv").toString()).endsWith("/reports/2026/a.csv");
    }

    @Test
    void aFileNameThatMerelyContainsDotsOrAColonIsAnOrdinaryFile() {
        EfsPathRouter router = EfsPathRouter.build(List.of(Path.of("/mnt/efs-0")), m -> Optional.empty());

        assertThat(router.resolve("..hidden")).isEqualTo(Path.of("/mnt/efs-0/..hidden"));
        assertThat(router.resolve("a/...")).isEqualTo(Path.of("/mnt/efs-0/a/..."));
        assertThat(router.resolve("logs/10:30.txt")).isEqualTo(Path.of("/mnt/efs-0/logs/10:30.txt"));
    }
}
