package app.meetingbridge.recordings.recording;

import app.meetingbridge.recordings.audio.Ffmpeg;
import app.meetingbridge.recordings.audio.Ffmpeg.Track;
import app.meetingbridge.recordings.audio.WorkFolder;
import app.meetingbridge.recordings.recording.MeetingReadRepository.Participant;
import app.meetingbridge.recordings.storage.S3RecordingStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 2: the recording's audio made ready to play and to transcribe. Each track (a raw-tracks recording has one
 * per participant; a cloud recording is one) is placed at its start offset and the tracks mixed into one mp3
 * ({@code {transcript id}/audio.mp3}); its duration and a 255-point waveform ({@code {transcript id}/audio.json},
 * {@code {"data": [...]}}) follow, and the participants, one per track ({@code {id, speaker, name, user_id}},
 * named from the meeting's participant sessions or {@code Speaker N}).
 */
class AudioStep {

    static final int WAVEFORM_SEGMENTS = 255;

    private final S3RecordingStore store;
    private final Ffmpeg ffmpeg;

    AudioStep(S3RecordingStore store, Ffmpeg ffmpeg) {
        this.store = store;
        this.ffmpeg = ffmpeg;
    }

    Audio run(Recording recording, String transcriptId, Map<String, Participant> sessions) {
        try (WorkFolder folder = WorkFolder.create("recording-" + recording.id())) {
            List<Track> tracks = new ArrayList<>();
            List<Map<String, Object>> participants = new ArrayList<>();
            List<String> keys = recording.audioKeys();
            for (int i = 0; i < keys.size(); i++) {
                Path file = folder.resolve("track-" + i);
                store.download(recording.copyKeys(keys.get(i)), file);
                TrackName name = TrackName.parse(keys.get(i)).orElse(null);
                tracks.add(new Track(file, name == null ? 0 : name.offsetMs()));
                String id = name == null ? "track-" + i : name.participantId();
                Participant known = sessions.get(id);
                Map<String, Object> participant = new LinkedHashMap<>();
                participant.put("id", id);
                participant.put("speaker", i);
                participant.put("name", known != null && known.name() != null ? known.name() : "Speaker " + i);
                participant.put("user_id", known == null ? null : known.userId());
                participants.add(participant);
            }
            Path mp3 = folder.resolve("audio.mp3");
            ffmpeg.mixdown(tracks, mp3);
            long durationMs = ffmpeg.durationMs(mp3);
            double[] waveform = ffmpeg.waveform(mp3, durationMs, WAVEFORM_SEGMENTS);
            store.upload(mp3, transcriptId + "/audio.mp3", "audio/mpeg");
            store.upload(waveformJson(waveform), transcriptId + "/audio.json", "application/json");
            return new Audio(durationMs, participants, waveform);
        } catch (IOException e) {
            throw new AudioException("preparing the audio of recording " + recording.id() + " failed: " + e.getMessage(), e);
        }
    }

    private static byte[] waveformJson(double[] waveform) {
        StringBuilder json = new StringBuilder("{\"data\":[");
        for (int i = 0; i < waveform.length; i++) {
            json.append(i == 0 ? "" : ",").append(waveform[i]);
        }
        return json.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The mixed audio's length, who is heard in it, and its waveform (what {@code audio.json} holds). */
    record Audio(long durationMs, List<Map<String, Object>> participants, double[] waveform) {
    }

    /** ffmpeg could not read or mix the recording's audio: retried like any failed step. */
    static class AudioException extends RuntimeException {
        AudioException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
