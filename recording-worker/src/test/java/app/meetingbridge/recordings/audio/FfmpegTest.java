package app.meetingbridge.recordings.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.meetingbridge.ffmpeg.ShippedFfmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Status;

/** The audio work on the ffmpeg that comes with the worker, and how an ffmpeg that cannot serve is told apart. */
class FfmpegTest {

    @TempDir
    Path folder;

    final Ffmpeg ffmpeg = new Ffmpeg(AudioConfiguration.executable(""), 60);

    @Test
    void usesTheShippedFfmpegUnlessFfmpegPathSaysOtherwise() throws Exception {
        Path own = Files.createFile(folder.resolve("ffmpeg"));

        assertThat(AudioConfiguration.executable("")).isEqualTo(ShippedFfmpeg.executable().orElseThrow().toString());
        assertThat(AudioConfiguration.executable(folder.toString())).isEqualTo(own.toString());
        assertThat(AudioConfiguration.executable("/opt/ffmpeg/bin/ffmpeg")).isEqualTo("/opt/ffmpeg/bin/ffmpeg");
    }

    @Test
    void passesItsStartUpCheckWithItsVersion() throws Exception {
        assertThat(ffmpeg.check()).startsWith("ffmpeg version");
    }

    @Test
    void mixesTracksAtTheirOffsetsIntoAnMp3WhoseDurationItReads() throws Exception {
        Path low = tone(300, 2);
        Path high = tone(700, 1);
        Path mp3 = folder.resolve("mix.mp3");

        ffmpeg.mixdown(List.of(new Ffmpeg.Track(low, 0), new Ffmpeg.Track(high, 2500)), mp3);
        long durationMs = ffmpeg.durationMs(mp3);
        double[] waveform = ffmpeg.waveform(mp3, durationMs, 35);

        assertThat(durationMs).isBetween(3450L, 3650L);
        assertThat(waveform[5]).isGreaterThan(0.3);
        assertThat(waveform[22]).isLessThan(0.05);
        assertThat(waveform[30]).isGreaterThan(0.3);
    }

    @Test
    void refusesWhatDoesNotRun() {
        Ffmpeg missing = new Ffmpeg(folder.resolve("ffmpeg").toString(), 10);

        assertThatThrownBy(missing::check).isInstanceOf(IOException.class)
                .hasMessageStartingWith("does not run (").hasMessageContaining("No such file or directory");
    }

    @Test
    void refusesAProgramThatIsNotFfmpeg() throws Exception {
        Path impostor = script("echo 'hello'");

        assertThatThrownBy(() -> new Ffmpeg(impostor.toString(), 10).check())
                .hasMessage("is not ffmpeg (it says \"hello\")");
    }

    @Test
    void refusesAnFfmpegThatCannotWriteMp3() throws Exception {
        Path withoutLame = script("case \"$2\" in -version) echo 'ffmpeg version 6.0' ;; *) echo ' A..... aac  AAC' ;; esac");

        assertThatThrownBy(() -> new Ffmpeg(withoutLame.toString(), 10).check())
                .hasMessage("cannot write mp3: it has no libmp3lame encoder (ffmpeg version 6.0)");
    }

    @Test
    void stopsAnFfmpegThatHangsWhenItsTimeIsUp() throws Exception {
        // answers its start-up check, then hangs on any work with its output open, as a stuck decoder would
        Path hanging = script("case \"$2\" in -version) echo 'ffmpeg version 6.0' ;; -encoders) echo ' A..... libmp3lame  MP3' ;;"
                + " *) exec sleep 600 ;; esac");
        Ffmpeg stuck = new Ffmpeg(hanging.toString(), 1);
        Path track = tone(440, 1);

        assertThat(stuck.check()).isEqualTo("ffmpeg version 6.0");
        assertTimesOut(() -> stuck.mixdown(List.of(new Ffmpeg.Track(track, 0)), folder.resolve("out.mp3")));
        assertTimesOut(() -> stuck.speech(track, folder.resolve("speech.mp3")));
        assertTimesOut(() -> stuck.durationMs(track));
        assertTimesOut(() -> stuck.waveform(track, 1000, 10));
    }

    private static void assertTimesOut(org.assertj.core.api.ThrowableAssert.ThrowingCallable work) {
        long started = System.nanoTime();
        assertThatThrownBy(work).isInstanceOf(IOException.class).hasMessageContaining("took longer than 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void readinessTurnsDownWithinAMinuteOfItsFfmpegDisappearing() throws Exception {
        Path copy = Files.copy(Path.of(ShippedFfmpeg.command()), folder.resolve("ffmpeg"));
        Ffmpeg ffmpegInTemp = new Ffmpeg(copy.toString(), 10);
        MovingClock clock = new MovingClock();
        FfmpegHealthIndicator health = new FfmpegHealthIndicator(ffmpegInTemp, ffmpegInTemp.check(), clock);

        Files.delete(copy);
        Status before = health.health().getStatus();
        clock.advance(Duration.ofSeconds(61));
        Status after = health.health().getStatus();

        assertThat(before).isEqualTo(Status.UP);
        assertThat(after).isEqualTo(Status.DOWN);
    }

    private Path tone(int frequency, double seconds) throws Exception {
        Path file = folder.resolve("tone-" + frequency + ".webm");
        Process process = new ProcessBuilder(ShippedFfmpeg.command(), "-nostdin", "-loglevel", "error", "-y", "-f",
                "lavfi", "-i", "sine=frequency=" + frequency + ":duration=" + seconds, "-c:a", "libopus",
                file.toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor()).as(new String(process.getInputStream().readAllBytes())).isZero();
        return file;
    }

    private Path script(String body) throws IOException {
        Path file = folder.resolve("fake-" + Math.abs(body.hashCode()));
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static final class MovingClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
