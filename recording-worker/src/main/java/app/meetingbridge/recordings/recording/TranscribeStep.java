package app.meetingbridge.recordings.recording;

import app.meetingbridge.events.recording.RecordingReady;
import app.meetingbridge.recordings.audio.Ffmpeg;
import app.meetingbridge.recordings.audio.WorkFolder;
import app.meetingbridge.recordings.diarization.Diarizer;
import app.meetingbridge.recordings.diarization.Diarizer.DiarizationException;
import app.meetingbridge.recordings.diarization.Diarizer.Turns;
import app.meetingbridge.recordings.storage.S3RecordingStore;
import app.meetingbridge.recordings.transcription.TranscriptionBackend;
import app.meetingbridge.recordings.transcription.TranscriptionBackend.Heard;
import app.meetingbridge.recordings.transcription.TranscriptionBackend.Timing;
import app.meetingbridge.transcripts.Word;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 3: the recording's words, in time order. Each track is transcribed on its own by the backend, its words' times
 * moved by the track's start offset. A raw-tracks recording has one track per participant, so every word belongs to
 * its track's participant (speaker = track index). A single-track recording (a cloud recording) is diarized when a
 * diarizer is configured: the diarizer reads the mixed audio in the transcript storage through a signed link, and
 * each word goes to the speaker whose turns it falls in. That is asked first, so that a diarizer that fails costs no
 * transcription; it is retried like any failed step, and on the recording's last attempt its failure is logged and
 * the words stay with one speaker rather than losing the transcript.
 */
class TranscribeStep {

    private static final Logger log = LoggerFactory.getLogger(TranscribeStep.class);

    private final S3RecordingStore store;
    private final Ffmpeg ffmpeg;
    private final TranscriptionBackend backend;
    private final Diarizer diarizer;

    TranscribeStep(S3RecordingStore store, Ffmpeg ffmpeg, TranscriptionBackend backend, Diarizer diarizer) {
        this.store = store;
        this.ffmpeg = ffmpeg;
        this.backend = backend;
        this.diarizer = diarizer;
    }

    /**
     * @param lastAttempt whether no attempt follows this one should it fail: a diarizer failure then leaves the words
     *                    with one speaker instead of failing the recording
     */
    List<Word> run(Recording recording, String transcriptId, String language, boolean lastAttempt) {
        Turns turns = diarize(recording, transcriptId, lastAttempt);
        try (WorkFolder folder = WorkFolder.create("transcribe-" + recording.id())) {
            List<Word> words = new ArrayList<>();
            Set<Timing> spread = EnumSet.noneOf(Timing.class);
            List<String> keys = recording.audioKeys();
            for (int speaker = 0; speaker < keys.size(); speaker++) {
                Path track = folder.resolve("track-" + speaker);
                Path speech = folder.resolve("speech-" + speaker + ".mp3");
                store.download(recording.copyKeys(keys.get(speaker)), track);
                ffmpeg.speech(track, speech);
                double offset = TrackName.parse(keys.get(speaker)).map(TrackName::offsetMs).orElse(0L) / 1000.0;
                Heard heard = backend.transcribe(speech, language, ffmpeg.durationMs(speech) / 1000.0);
                if (heard.timing() != Timing.WORDS && spread.add(heard.timing())) {
                    log.warn("recording {}: no word timestamps: spread over {}", recording.id(),
                            heard.timing() == Timing.SEGMENTS ? "segments" : "the track");
                }
                for (Word word : heard.words()) {
                    words.add(new Word(word.text(), round(word.start() + offset), round(word.end() + offset), speaker));
                }
                Files.delete(track);
                Files.delete(speech);
            }
            words.sort(Comparator.comparingDouble(Word::start).thenComparingInt(Word::speaker));
            return turns == null ? words : turns.assign(words);
        } catch (IOException e) {
            throw new AudioStep.AudioException("preparing the speech of recording " + recording.id() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** The speakers' turns of a single-track recording; none when it is not to be diarized. */
    private @Nullable Turns diarize(Recording recording, String transcriptId, boolean lastAttempt) {
        if (!diarizer.enabled() || RecordingReady.Kind.RAW_TRACKS.wireName().equals(recording.kind())) {
            return null;
        }
        // the mixed audio AudioStep stored; the link is a credential for it, so it is never logged
        var audio = store.presignedGet(transcriptId + "/audio.mp3", diarizer.linkExpiry());
        try {
            Turns turns = diarizer.turns(audio);
            log.info("recording {}: the diarizer heard {} speaker(s) in {} turn(s)", recording.id(), turns.speakers(),
                    turns.count());
            return turns;
        } catch (DiarizationException e) {
            if (!lastAttempt) {
                throw e;
            }
            log.warn("recording {}: diarization failed on the last attempt ({}); its words all go to speaker 0",
                    recording.id(), e.getMessage());
            return null;
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
