package app.meetingbridge.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import app.meetingbridge.ffmpeg.ShippedFfmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Audio and video files the tests need, made by the shipped ffmpeg from its own sources (tones, test pictures). */
public final class TestMedia {

    private TestMedia() {
    }

    /** The bytes of a file named {@code name} (its extension picks the container) that ffmpeg makes from {@code arguments}. */
    public static byte[] made(String name, String... arguments) throws Exception {
        Path folder = Files.createTempDirectory("test-media");
        Path file = folder.resolve(name);
        try {
            List<String> command = new ArrayList<>(List.of(ShippedFfmpeg.command(), "-nostdin", "-loglevel", "error",
                    "-y"));
            command.addAll(Arrays.asList(arguments));
            command.add(file.toString());
            Process ffmpeg = new ProcessBuilder(command).redirectErrorStream(true).start();
            assertThat(ffmpeg.waitFor()).as(new String(ffmpeg.getInputStream().readAllBytes())).isZero();
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        }
    }
}
