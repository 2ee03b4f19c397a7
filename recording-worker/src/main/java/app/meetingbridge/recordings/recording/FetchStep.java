package app.meetingbridge.recordings.recording;

import app.meetingbridge.recordings.storage.S3RecordingStore;
import app.meetingbridge.recordings.storage.S3RecordingStore.Copied;
import app.meetingbridge.recordings.storage.S3RecordingStore.PartListener;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 1: each object of the recording, from the provider's bucket into the transcript storage (copied by the
 * server where one credential reads both buckets, streamed and resumable otherwise, verified either way; see
 * {@link S3RecordingStore#copy}). Objects already copied are not copied again. A file uploaded to a transcript is
 * already in the transcript storage: it is only checked to be there, under the uploads folder.
 */
class FetchStep {

    private static final Logger log = LoggerFactory.getLogger(FetchStep.class);

    private final S3RecordingStore store;

    FetchStep(S3RecordingStore store) {
        this.store = store;
    }

    List<Copied> run(Recording recording, PartListener afterPart) {
        List<Copied> copies = new ArrayList<>(recording.objectKeys().size());
        for (String key : recording.objectKeys()) {
            if (recording.uploaded()) { // already in the transcript storage: checked, not copied
                long size = store.uploadedSize(recording.bucket(), key);
                log.info("recording {}: uploaded file {} ({} bytes)", recording.id(), key, size);
                copies.add(new Copied(key, size, "", 0, true, false));
                continue;
            }
            Copied copied = store.copy(recording.platform(), recording.bucket(), key, recording.copyKey(key), afterPart);
            log.info("recording {}: {} {} ({} bytes{})", recording.id(), copied.alreadyThere() ? "already had" : "fetched",
                    key, copied.size(), how(copied));
            copies.add(copied);
        }
        return copies;
    }

    private static String how(Copied copied) {
        if (copied.alreadyThere()) {
            return "";
        }
        if (copied.serverSide()) {
            return ", server-side copy";
        }
        return copied.resumedAt() > 0 ? ", streamed, resumed at " + copied.resumedAt() : ", streamed";
    }
}
