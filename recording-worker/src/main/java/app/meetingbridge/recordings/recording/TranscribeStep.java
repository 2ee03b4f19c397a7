package app.meetingbridge.recordings.recording;

import app.meetingbridge.recordings.audio.Ffmpeg;
import app.meetingbridge.recordings.storage.S3RecordingStore;
import app.meetingbridge.recordings.transcription.TranscriptionBackend;
import app.meetingbridge.recordings.transcription.TranscriptionBackend.Word;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Step 3: each track transcribed on its own by the backend, so every word belongs to the track's participant
 * (speaker = track index, no diarization needed), its times moved by the track's start offset; all words merged
 * in time order into one topic spanning the recording (until topic detection exists), in Reflector's shape:
 * {@code [{id, title, summary, timestamp, duration, transcript, words: [{text, start, end, speaker}]}]}.
 */
class TranscribeStep {

    private final S3RecordingStore store;
    private final Ffmpeg ffmpeg;
    private final TranscriptionBackend backend;

    TranscribeStep(S3RecordingStore store, Ffmpeg ffmpeg, TranscriptionBackend backend) {
        this.store = store;
        this.ffmpeg = ffmpeg;
        this.backend = backend;
    }

    List<Map<String, Object>> run(Recording recording, long durationMs, String language) {
        try (WorkFolder folder = WorkFolder.create("transcribe-" + recording.id())) {
            List<TimedWord> words = new ArrayList<>();
            List<String> keys = recording.audioKeys();
            for (int speaker = 0; speaker < keys.size(); speaker++) {
                Path track = folder.resolve("track-" + speaker);
                Path speech = folder.resolve("speech-" + speaker + ".mp3");
                store.download(recording.copyKeys(keys.get(speaker)), track);
                ffmpeg.speech(track, speech);
                double offset = TrackName.parse(keys.get(speaker)).map(TrackName::offsetMs).orElse(0L) / 1000.0;
                for (Word word : backend.transcribe(speech, language)) {
                    words.add(new TimedWord(word.word().trim(), round(word.start() + offset), round(word.end() + offset),
                            speaker));
                }
                Files.delete(track);
                Files.delete(speech);
            }
            words.sort(Comparator.comparingDouble(TimedWord::start).thenComparingInt(TimedWord::speaker));
            Map<String, Object> topic = new LinkedHashMap<>();
            topic.put("id", UUID.randomUUID().toString());
            topic.put("title", "");
            topic.put("summary", "");
            topic.put("timestamp", 0.0);
            topic.put("duration", durationMs / 1000.0);
            topic.put("transcript", words.stream().map(TimedWord::text).collect(Collectors.joining(" ")));
            topic.put("words", words.stream().map(TimedWord::json).toList());
            return List.of(topic);
        } catch (IOException e) {
            throw new AudioStep.AudioException("preparing the speech of recording " + recording.id() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private record TimedWord(String text, double start, double end, int speaker) {

        Map<String, Object> json() {
            Map<String, Object> word = new LinkedHashMap<>();
            word.put("text", text);
            word.put("start", start);
            word.put("end", end);
            word.put("speaker", speaker);
            return word;
        }
    }
}
