package app.meetingbridge.recordings.recording;

import app.meetingbridge.recordings.storage.S3RecordingStore;

/**
 * Step 4: when anyone in the meeting refused to have the audio kept, the audio goes and the text stays
 * (reflector-behaviour §5.7): the provider's objects of the recording, our copies of them, the mixed mp3 and its
 * waveform. Consent decides retention only; the recording was transcribed either way.
 */
class ConsentStep {

    private final S3RecordingStore store;

    ConsentStep(S3RecordingStore store) {
        this.store = store;
    }

    void deleteAudio(Recording recording, String transcriptId) {
        for (String key : recording.objectKeys()) {
            store.deleteFromSource(recording.platform(), recording.bucket(), key);
        }
        store.deleteAllFromTranscripts(recording.copyPrefix());
        store.deleteFromTranscripts(transcriptId + "/audio.mp3");
        store.deleteFromTranscripts(transcriptId + "/audio.json");
    }
}
