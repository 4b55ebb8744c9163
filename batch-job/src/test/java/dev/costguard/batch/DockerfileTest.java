package dev.costguard.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The batch image must run what the state machine asks for: no ENTRYPOINT to swallow the overridden command, the
 * job and its AppCDS archive at the paths the orchestration module's batch_command names, written with that very
 * command. No Docker engine here, so the Dockerfile is read, instruction by instruction.
 */
class DockerfileTest {

    private static final Path DOCKERFILE = Path.of("Dockerfile");

    private static List<String> instructions() throws IOException {
        return Files.readAllLines(DOCKERFILE).stream().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
    }

    private static List<String> words(String jsonArray) {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]*)\"").matcher(jsonArray);
        while (word.find()) {
            words.add(word.group(1));
        }
        return words;
    }

    private static String only(String keyword) throws IOException {
        List<String> matching = instructions().stream().filter(line -> line.startsWith(keyword + " ")).toList();
        assertThat(matching).as(keyword + " instructions").hasSize(1);
        return matching.get(0).substring(keyword.length() + 1);
    }

    @Test
    void isAJava21RuntimeWithTheJobAtThePathTheCommandNames() throws IOException {
        assertThat(only("FROM")).matches("eclipse-temurin:21-jre(@sha256:[0-9a-f]{64})?");
        assertThat(only("COPY")).isEqualTo("target/quarkus-app/ /opt/cost-guard/batch-job/");
    }

    @Test
    void hasNoEntrypointAndRunsTheModulesDefaultCommand() throws IOException {
        assertThat(instructions()).noneMatch(line -> line.startsWith("ENTRYPOINT"));
        List<String> moduleCommand = defaultBatchCommand();

        assertThat(words(only("CMD"))).isEqualTo(moduleCommand);
    }

    @Test
    void writesTheArchiveWithTheSameCommand() throws IOException {
        List<String> run = words(only("RUN"));

        assertThat(run.subList(0, 2)).containsExactly("bash", "/opt/cost-guard/batch-job/cds-archive.sh");
        assertThat(run.subList(2, run.size())).isEqualTo(defaultBatchCommand());
        // The script ships inside quarkus-app/, which the COPY puts there.
        assertThat(Path.of("src", "main", "sh", "cds-archive.sh")).exists();
    }

    @Test
    void runsAsAnUnprivilegedUser() throws IOException {
        assertThat(only("USER")).doesNotStartWith("0").doesNotStartWith("root");
    }

    /** The orchestration module's default batch_command, word for word. */
    static List<String> defaultBatchCommand() throws IOException {
        String variables = Files.readString(Path.of("..", "terraform", "modules", "orchestration", "variables.tf"));
        Matcher block = Pattern.compile("variable \"batch_command\" \\{.*?\\n  default\\s*=\\s*\\[(.*?)]\\n",
                Pattern.DOTALL).matcher(variables);
        assertThat(block.find()).as("a default batch_command in variables.tf").isTrue();
        return words(block.group(1));
    }
}
