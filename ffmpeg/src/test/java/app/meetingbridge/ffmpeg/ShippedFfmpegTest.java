package app.meetingbridge.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedFfmpegTest {

    @TempDir
    Path folder;

    @Test
    void unpacksAnFfmpegThatRunsAndWritesMp3WithNothingFromTheHost() throws Exception {
        Path ffmpeg = ShippedFfmpeg.executable().orElseThrow();

        assertThat(run(ffmpeg.toString(), "-hide_banner", "-version")).startsWith("ffmpeg version");
        assertThat(run(ffmpeg.toString(), "-hide_banner", "-encoders")).contains(" libmp3lame ", " libopus ");
        assertThat(ShippedFfmpeg.executable()).contains(ffmpeg);
        assertThat(ShippedFfmpeg.command()).isEqualTo(ffmpeg.toString());
    }

    @Test
    void reusesAWholeCopyInsteadOfWritingItAgain() throws Exception {
        Path first = ShippedFfmpeg.unpackInto(folder);
        FileTime written = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(first, written);

        Path second = ShippedFfmpeg.unpackInto(folder);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second)).isEqualTo(written);
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(first);
        }
    }

    @Test
    void replacesACopyThatIsNotWhole() throws Exception {
        Path ffmpeg = ShippedFfmpeg.unpackInto(folder);
        long size = Files.size(ffmpeg);
        try (var channel = Files.newByteChannel(ffmpeg, StandardOpenOption.WRITE)) {
            channel.truncate(size / 2);
        }

        ShippedFfmpeg.unpackInto(folder);

        assertThat(Files.size(ffmpeg)).isEqualTo(size);
        assertThat(run(ffmpeg.toString(), "-hide_banner", "-version")).startsWith("ffmpeg version");
    }

    @Test
    void keepsItOnlyInAFolderNobodyElseCanWrite() throws Exception {
        Path shared = Files.createDirectory(folder.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path fresh = folder.resolve("fresh");

        assertThat(ShippedFfmpeg.privateFolder(shared)).isFalse();
        assertThat(ShippedFfmpeg.privateFolder(fresh)).isTrue();
        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
