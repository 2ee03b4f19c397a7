package app.meetingbridge.recordings.recording;

import app.meetingbridge.recordings.storage.S3RecordingStore;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step, whatever became of the others: when anyone in the meeting refused to have the audio kept, the
 * audio goes and the text stays, as in Reflector: the mixed mp3 and its waveform, our copies of the
 * provider's objects and, unless the setting keeps them, the provider's objects themselves. Ours go first, so that a
 * provider bucket that refuses deletion leaves nothing of ours behind. Every deletion is logged with the transcript,
 * the meeting and the keys. Consent decides retention only; the recording was transcribed either way.
 */
class ConsentStep {

    private static final Logger log = LoggerFactory.getLogger(ConsentStep.class);

    private final S3RecordingStore store;
    private final boolean deleteProviderObjects;

    ConsentStep(S3RecordingStore store, boolean deleteProviderObjects) {
        this.store = store;
        this.deleteProviderObjects = deleteProviderObjects;
    }

    void deleteAudio(Recording recording, String transcriptId) {
        List<String> ours = new ArrayList<>(List.of(transcriptId + "/audio.mp3", transcriptId + "/audio.json"));
        ours.forEach(store::deleteFromTranscripts);
        ours.addAll(store.deleteAllFromTranscripts(recording.copyPrefix()));
        log.info("consent refused in meeting {}: deleted the audio of transcript {} (recording {}) from the "
                + "transcript storage {}: {}", recording.meetingId(), transcriptId, recording.id(),
                store.transcriptsBucket(), ours);
        if (!deleteProviderObjects) {
            log.info("consent refused in meeting {}: kept the provider's objects of transcript {} in the {} bucket {} "
                            + "(CONSENT_DELETE_PROVIDER_OBJECTS=false): {}", recording.meetingId(), transcriptId,
                    recording.platform(), recording.bucket(), recording.objectKeys());
            return;
        }
        for (String key : recording.objectKeys()) {
            store.deleteFromSource(recording.platform(), recording.bucket(), key);
        }
        log.info("consent refused in meeting {}: deleted the provider's objects of transcript {} from the {} bucket "
                + "{}: {}", recording.meetingId(), transcriptId, recording.platform(), recording.bucket(),
                recording.objectKeys());
    }
}
