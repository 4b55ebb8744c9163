package dev.costguard.core.efs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EfsFilesTest {

    @TempDir
    Path root;

    @Test
    void writesUnderTheRoutedMountPointAndReadsItBack() throws IOException {
        List<Path> points = List.of(root.resolve("efs-0"), root.resolve("efs-1"), root.resolve("efs-2"));
        for (Path point : points) {
            Files.createDirectory(point);
        }
        EfsFiles files = new EfsFiles(EfsPathRouter.build(points, new FileSystemMountPointCheck(Optional.empty())));

        Path written = files.write("reports/2026/a.csv", "id,total\n1,2\n".getBytes(StandardCharsets.UTF_8));

        assertThat(written).isEqualTo(files.router().mountPointFor("reports/2026/a.csv").resolve("reports/2026/a.csv"));
        assertThat(Files.readString(written)).isEqualTo("id,total\n1,2\n");
        assertThat(new String(files.read("/reports/2026/a.csv"), StandardCharsets.UTF_8)).isEqualTo("id,total\n1,2\n");
        try (Stream<Path> leftovers = Files.list(written.getParent())) {
            assertThat(leftovers).as("no temporary file is left behind").containsExactly(written);
        }
    }

    @Test
    void theFileSystemCheckNamesWhatIsWrongWithAMountPoint() throws IOException {
        Path file = Files.writeString(root.resolve("plain-file"), "x");
        FileSystemMountPointCheck check = new FileSystemMountPointCheck(Optional.empty());

        assertThat(check.problem(root)).isEmpty();
        assertThat(check.problem(root.resolve("efs-9"))).hasValue("does not exist");
        assertThat(check.problem(file)).hasValue("is not a directory");
        String type = Files.getFileStore(root).type();
        assertThat(new FileSystemMountPointCheck(Optional.of("nfs4-not-" + type)).problem(root))
                .hasValue("is a " + type + " file system, not nfs4-not-" + type + " (the mount is missing)");
    }

    @Test
    void aMountPointOnAReadOnlyFileSystemIsNotWritable() {
        // Tests run as root, whom no permission bit stops; the JDK's own module image (jrt:/) is a file system every
        // JVM has and none can write, so it stands in for a mount that came up read-only.
        Path readOnly = FileSystems.getFileSystem(URI.create("jrt:/")).getPath("/modules/java.base");

        assertThat(new FileSystemMountPointCheck(Optional.empty()).problem(readOnly)).hasValue("is not writable");
    }
}
