package app.meetingbridge.recordings.upload;

import app.meetingbridge.recordings.audio.Ffmpeg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether ffmpeg finds and decodes audio in a file, whatever its name says: the container is detected from the
 * content, its first audio stream decoded for its first {@link #SECONDS} seconds. A file without an audio stream, or
 * one ffmpeg cannot read, has a reason in words for its uploader; ffmpeg not answering in time is an
 * {@link IOException} (tried again), not a verdict on the file.
 */
class AudioCheck {

    static final int SECONDS = 30;
    private static final long TIMEOUT_SECONDS = 120;

    private final Ffmpeg ffmpeg;

    AudioCheck(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** Why the file cannot be transcribed, or empty when its audio decodes. */
    Optional<String> problem(Path file) throws IOException {
        Path errors = Files.createTempFile("audio-check", ".log");
        try {
            Process process = new ProcessBuilder(ffmpeg.executable(), "-nostdin", "-hide_banner", "-loglevel", "error",
                    "-i", file.toString(), "-map", "0:a:0", "-t", String.valueOf(SECONDS), "-f", "null", "-")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile()).start();
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException("ffmpeg took longer than " + TIMEOUT_SECONDS + " s to check " + file.getFileName());
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while checking " + file.getFileName(), e);
            }
            if (process.exitValue() == 0) {
                return Optional.empty();
            }
            List<String> said = Files.readAllLines(errors, StandardCharsets.UTF_8);
            return Optional.of(reason(said));
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** ffmpeg's complaint in the uploader's words. */
    static String reason(List<String> said) {
        String all = String.join("\n", said);
        if (all.contains("matches no streams") || all.contains("does not contain any stream")) {
            return "The file has no audio stream";
        }
        return "The file cannot be decoded as audio or video";
    }
}
