package dev.costguard.efsscaler;

import dev.costguard.demo.FakeAccountServer;
import dev.costguard.demo.FakeAccountTestResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The fake account with the scaler's settings for its sample EFS file system (targets in two of three zones),
 * and a directory holding more files than the threshold, standing in for the EFS mount.
 */
public class FakeAccountResource extends FakeAccountTestResource {

    static final String PARAMETER = "/cost-guard/test/efs-mount-targets";
    static final String FILE_SYSTEM = "fs-0ef5000000000000a";
    static final int THRESHOLD = 5;
    static final int FILES = 8;

    @Override
    protected Map<String, String> settings(FakeAccountServer server) {
        Path directory;
        try {
            directory = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "efs-uploads-");
            for (int i = 0; i < FILES; i++) {
                Files.createFile(directory.resolve("upload-" + i + ".bin"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                Map.entry("costguard.target-directory", directory.toString()),
                Map.entry("costguard.file-count-threshold", String.valueOf(THRESHOLD)),
                Map.entry("costguard.count-mode", "entries"),
                Map.entry("costguard.file-system-id", FILE_SYSTEM),
                Map.entry("costguard.vpc-id", "vpc-0ef5000000000000a"),
                Map.entry("costguard.security-group-ids", "sg-0ef5000000000000a"),
                Map.entry("costguard.mount-target-parameter", PARAMETER),
                Map.entry("costguard.ecs-cluster", "demo-cluster"),
                Map.entry("costguard.ecs-service", "web"),
                Map.entry("costguard.poll-interval-seconds", "1"),
                Map.entry("costguard.result-topic-arn", "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-result"));
    }
}
