package app.meetingbridge.recordings.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ffmpeg as a process ({@code executable}: a path, or a name looked up on the PATH). Every call has a time limit and
 * reports ffmpeg's last words when it fails. Nothing here needs ffprobe: durations come from ffmpeg itself.
 */
public class Ffmpeg {

    /** One input of a mixdown, and when (from the recording's start) its first sound is heard. */
    public record Track(Path file, long startMs) {
    }

    private static final Pattern DURATION = Pattern.compile("Duration: (\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?)");
    private static final long CHECK_TIMEOUT_SECONDS = 30;

    private final String ffmpeg;
    private final long timeoutSeconds;

    public Ffmpeg(String executable, long timeoutSeconds) {
        this.ffmpeg = executable;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** What runs: the path or command name of the ffmpeg in use. */
    public String executable() {
        return ffmpeg;
    }

    /**
     * Runs {@code ffmpeg -version} and checks that it can write mp3 (libmp3lame), as the worker's audio needs.
     *
     * @return ffmpeg's own first line ({@code ffmpeg version …})
     * @throws IOException why this ffmpeg cannot serve, as a phrase to follow its name ("does not run (…)")
     */
    public String check() throws IOException {
        String version;
        try {
            version = run(List.of(ffmpeg, "-hide_banner", "-version"), CHECK_TIMEOUT_SECONDS).out().lines()
                    .findFirst().orElse("").trim();
        } catch (IOException e) {
            throw new IOException("does not run (" + e.getMessage() + ")", e);
        }
        if (!version.startsWith("ffmpeg version")) {
            throw new IOException("is not ffmpeg (it says \"" + version + "\")");
        }
        String encoders = run(List.of(ffmpeg, "-hide_banner", "-encoders"), CHECK_TIMEOUT_SECONDS).out();
        if (!encoders.contains(" libmp3lame ")) {
            throw new IOException("cannot write mp3: it has no libmp3lame encoder (" + version + ")");
        }
        return version;
    }

    /**
     * Mixes the tracks into one mono mp3: each track is resampled with its gaps filled with silence (providers
     * drop the frames of a muted participant), delayed to its start, and summed without normalisation (so one
     * speaker is as loud alone as in a crowd).
     */
    public void mixdown(List<Track> tracks, Path mp3) throws IOException {
        if (tracks.isEmpty()) {
            throw new IllegalArgumentException("nothing to mix");
        }
        List<String> command = new ArrayList<>(List.of(ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        StringBuilder filter = new StringBuilder();
        for (int i = 0; i < tracks.size(); i++) {
            command.add("-i");
            command.add(tracks.get(i).file().toString());
            filter.append(String.format(Locale.ROOT, "[%d:a]aresample=48000:async=1:first_pts=0,adelay=%d:all=1[a%d];",
                    i, Math.max(0, tracks.get(i).startMs()), i));
        }
        for (int i = 0; i < tracks.size(); i++) {
            filter.append("[a").append(i).append(']');
        }
        filter.append(tracks.size() == 1 ? "anull[out]"
                : "amix=inputs=" + tracks.size() + ":normalize=0:dropout_transition=0:duration=longest[out]");
        command.addAll(List.of("-filter_complex", filter.toString(), "-map", "[out]", "-ac", "1", "-ar", "44100",
                "-c:a", "libmp3lame", "-b:a", "64k", mp3.toString()));
        run(command);
    }

    /**
     * One track as speech for transcription: mono 16 kHz mp3, its gaps (a muted participant's dropped frames)
     * filled with silence so that times in it are times in the track.
     */
    public void speech(Path track, Path mp3) throws IOException {
        run(List.of(ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", track.toString(),
                "-af", "aresample=16000:async=1:first_pts=0", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "48k",
                mp3.toString()));
    }

    /** The file's duration in milliseconds (its container's, to the hundredth of a second ffmpeg reports). */
    public long durationMs(Path file) throws IOException {
        List<String> said = run(List.of(ffmpeg, "-nostdin", "-hide_banner", "-i", file.toString(), "-t", "0", "-f",
                "null", "-"), timeoutSeconds).errors();
        for (String line : said) {
            Matcher duration = DURATION.matcher(line);
            if (duration.find()) {
                return Math.round((Long.parseLong(duration.group(1)) * 3600 + Long.parseLong(duration.group(2)) * 60
                        + Double.parseDouble(duration.group(3))) * 1000);
            }
        }
        throw new IOException("ffmpeg gave no duration for " + file.getFileName() + ": " + lastWords(said));
    }

    /**
     * The loudest sample of each of {@code segments} equal stretches of the file, from 0 to 1 relative to the
     * loudest of all (silence is 0). Decoded as a stream: memory does not grow with the file.
     */
    public double[] waveform(Path file, long durationMs, int segments) throws IOException {
        int rate = 8000;
        long samples = Math.max(1, durationMs * rate / 1000);
        double perSegment = (double) samples / segments;
        double[] peaks = new double[segments];
        Process process = new ProcessBuilder(ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-i",
                file.toString(), "-ac", "1", "-ar", String.valueOf(rate), "-f", "s16le", "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // the samples are read here as they come, so the time limit is kept by killing the process, which ends the read
        AtomicBoolean killed = new AtomicBoolean();
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(() -> {
            if (process.isAlive()) {
                killed.set(true);
                process.destroyForcibly();
            }
        }, CompletableFuture.delayedExecutor(timeoutSeconds, TimeUnit.SECONDS));
        String what = "waveform of " + file.getFileName();
        try (InputStream in = new BufferedInputStream(process.getInputStream(), 1 << 16)) {
            long index = 0;
            for (int low = in.read(), high = in.read(); low >= 0 && high >= 0; low = in.read(), high = in.read()) {
                int sample = (short) ((high << 8) | low);
                int segment = (int) Math.min(segments - 1, index / perSegment);
                peaks[segment] = Math.max(peaks[segment], Math.abs(sample) / 32768.0);
                index++;
            }
        } catch (IOException e) {
            if (!killed.get()) {
                throw e;
            }
            // killing the process closed the stream under the read
        } finally {
            deadline.cancel(false);
        }
        int exit = await(process, what);
        if (killed.get()) {
            throw new IOException(what + " took longer than " + timeoutSeconds + " s");
        }
        if (exit != 0) {
            throw new IOException("ffmpeg failed (exit " + exit + ") reading the " + what);
        }
        double loudest = 0;
        for (double peak : peaks) {
            loudest = Math.max(loudest, peak);
        }
        if (loudest > 0) {
            for (int i = 0; i < peaks.length; i++) {
                peaks[i] = Math.round(peaks[i] / loudest * 1000) / 1000.0;
            }
        }
        return peaks;
    }

    /** What a run printed: its output, and what it said on its error stream. */
    private record Ran(String out, List<String> errors) {
    }

    private void run(List<String> command) throws IOException {
        run(command, timeoutSeconds);
    }

    /**
     * Runs the command to its end or its time limit. Both its streams go to files, not pipes, so nothing here
     * waits on a stream: a hung process is killed when its time is up, whatever it keeps open.
     */
    private Ran run(List<String> command, long timeout) throws IOException {
        Path output = Files.createTempFile("ffmpeg", ".out");
        Path errors = Files.createTempFile("ffmpeg", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
                    .redirectError(errors.toFile()).start();
            int exit = await(process, command.get(0), timeout);
            List<String> said = Files.readAllLines(errors, StandardCharsets.UTF_8);
            if (exit != 0) {
                throw new IOException(Path.of(command.get(0)).getFileName() + " failed (exit " + exit + "): "
                        + lastWords(said));
            }
            return new Ran(Files.readString(output, StandardCharsets.UTF_8), said);
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }

    /** The last three lines ffmpeg said, which name what went wrong. */
    private static String lastWords(List<String> said) {
        return String.join(" | ", said.subList(Math.max(0, said.size() - 3), said.size()));
    }

    private int await(Process process, String what) throws IOException {
        return await(process, what, timeoutSeconds);
    }

    private int await(Process process, String what, long timeout) throws IOException {
        try {
            if (!process.waitFor(timeout, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(what + " took longer than " + timeout + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + what, e);
        }
    }
}
