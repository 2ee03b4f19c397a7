package app.meetingbridge.recordings.recording;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A recording as the pipeline sees it: where its objects are, how far it got, how often it was tried and when it
 * is tried next (none due once it succeeded or was given up on).
 */
record Recording(String id, String platform, String providerRecordingId, @Nullable String meetingId, String kind,
                 String bucket, List<String> objectKeys, RecordingState state, int attempts,
                 @Nullable Instant nextRetryAt) {

    /** The platform of a file uploaded to a transcript: its object is already in the transcript storage. */
    static final String UPLOAD = "upload";

    Recording {
        objectKeys = List.copyOf(objectKeys);
    }

    /** A file uploaded to a transcript: nothing to fetch, its objects are their own copies. */
    boolean uploaded() {
        return platform.equals(UPLOAD);
    }

    /**
     * The objects that carry the meeting's audio: of a raw-tracks recording the participants' camera-microphone
     * tracks when the keys say which those are (screen-share audio is left out, as Reflector does), otherwise all.
     */
    List<String> audioKeys() {
        List<String> cameraAudio = objectKeys.stream()
                .filter(key -> TrackName.parse(key).map(TrackName::camAudio).orElse(false)).toList();
        return cameraAudio.isEmpty() ? objectKeys : cameraAudio;
    }

    /**
     * Whether its processing ended, so that no step will read its audio again unless someone asks for a rerun:
     * transcribed ({@code done}); given up on ({@code failed} with no attempt due); or, where no transcription
     * backend is configured ({@code transcribes} false), once its audio is ready, which is as far as it goes.
     */
    boolean processingEnded(boolean transcribes, boolean audioReady) {
        return switch (state) {
            case DONE -> true;
            case FAILED -> nextRetryAt == null;
            case PROCESSING -> !transcribes && audioReady;
            case DISCOVERED, FETCHING, FETCHED -> false;
        };
    }

    /** Where the copies of this recording's provider objects live in the transcript storage. */
    String copyPrefix() {
        return "recordings/" + id + "/";
    }

    /**
     * Where the copy of a provider object lives in the transcript storage: under the recording's folder with the
     * object's whole key, so that two objects of one name in different folders never share a copy; an uploaded file
     * is where it was uploaded.
     */
    String copyKey(String objectKey) {
        return uploaded() ? objectKey : copyPrefix() + objectKey;
    }

    /**
     * Where the copy may be: {@link #copyKey}, then where copies made before it was kept (the object's name alone
     * under the recording's folder), so that recordings fetched then are still read.
     */
    List<String> copyKeys(String objectKey) {
        if (uploaded()) {
            return List.of(objectKey);
        }
        String before = copyPrefix() + objectKey.substring(objectKey.lastIndexOf('/') + 1);
        return before.equals(copyKey(objectKey)) ? List.of(copyKey(objectKey)) : List.of(copyKey(objectKey), before);
    }
}
