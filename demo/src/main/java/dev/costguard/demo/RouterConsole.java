package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costguard.core.efs.EfsPathRouter;
import dev.costguard.core.efs.FileSystemMountPointCheck;
import dev.costguard.core.efs.MountTargetListCodec;
import dev.costguard.core.efs.MountTargetListSource;
import dev.costguard.core.ports.CloudOperationException;
import dev.costguard.core.ports.Parameters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The consumer side of the EFS demo: what a service does at start-up. It reads the mount-target list from SSM
 * (falling back to its default list), finds the mount points /mnt/efs-0 ... (here directories under the demo's
 * work folder, prepared as the task definition would mount them) and prints where each path goes.
 * Usage: RouterConsole ENDPOINT PARAMETER DEFAULT_LIST_FILE MOUNT_BASE PATH...
 */
public final class RouterConsole {

    private RouterConsole() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: RouterConsole ENDPOINT PARAMETER DEFAULT_LIST_FILE MOUNT_BASE PATH...");
            System.exit(2);
        }
        Parameters ssm = new SsmOverHttp(URI.create(args[0]));
        MountTargetListSource source = new MountTargetListSource(ssm, args[1],
                MountTargetListCodec.decode(Files.readString(Path.of(args[2]))));
        MountTargetListSource.Loaded loaded = source.load();
        List<Path> mountPoints = EfsPathRouter.mountPointsFor(loaded.list(), args[3]);
        for (Path mountPoint : mountPoints) {
            Files.createDirectories(mountPoint);
        }
        EfsPathRouter router = EfsPathRouter.build(mountPoints, new FileSystemMountPointCheck(Optional.empty()));
        System.out.printf("  router: %d mount point(s) from the %s list%s%n", router.healthyMountPoints().size(),
                loaded.origin() == MountTargetListSource.Origin.PARAMETER ? "SSM" : "default",
                loaded.fallbackReason().map(r -> " (" + r + ")").orElse(""));
        for (int i = 4; i < args.length; i++) {
            Path full = router.resolve(args[i]);
            System.out.printf("    %-28s -> %s%n", args[i], Path.of(args[3]).getParent().relativize(full));
        }
    }

    /** GetParameter over the JSON 1.1 wire, enough for the demo's one read. */
    private record SsmOverHttp(URI endpoint) implements Parameters {

        @Override
        public Optional<String> get(String name) {
            try {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint)
                        .header("X-Amz-Target", "AmazonSSM.GetParameter")
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(Json.object().put("Name", name)))).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode body = Json.MAPPER.readTree(response.body());
                if (response.statusCode() == 400 && "ParameterNotFound".equals(body.path("__type").asText())) {
                    return Optional.empty();
                }
                if (response.statusCode() != 200) {
                    throw new CloudOperationException("GetParameter", body.path("__type").asText(), response.statusCode(),
                            "GetParameter " + name + " failed: " + body.path("__type").asText(), null);
                }
                return Optional.of(body.path("Parameter").path("Value").asText());
            } catch (java.io.IOException e) {
                throw new CloudOperationException("GetParameter", "GetParameter " + name + " failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CloudOperationException("GetParameter", "interrupted");
            }
        }

        @Override
        public boolean putIfAbsent(String name, String value) {
            throw new UnsupportedOperationException("the router only reads the list");
        }

        @Override
        public void put(String name, String value) {
            throw new UnsupportedOperationException("the router only reads the list");
        }

        @Override
        public void delete(String name) {
            throw new UnsupportedOperationException("the router only reads the list");
        }
    }
}
