package app.meetingbridge.recordings.audio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A step's temporary folder for the files ffmpeg reads and writes, removed with everything in it when the step is
 * done, however it ended.
 */
public final class WorkFolder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkFolder.class);

    private final Path path;

    private WorkFolder(Path path) {
        this.path = path;
    }

    public static WorkFolder create(String name) throws IOException {
        return new WorkFolder(Files.createTempDirectory(name));
    }

    public Path resolve(String file) {
        return path.resolve(file);
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind takes disk, nothing else; it must not hide the step's own outcome
            log.warn("could not remove {}: {}", path, e.getMessage());
        }
    }
}
