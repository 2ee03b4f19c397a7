package app.meetingbridge.recordings.recording;

import java.util.List;

/** A recording as the pipeline sees it: where its objects are, how far it got, how often it was tried. */
record Recording(String id, String platform, String providerRecordingId, String bucket, List<String> objectKeys,
                 RecordingState state, int attempts) {

    Recording {
        objectKeys = List.copyOf(objectKeys);
    }

    /** Where the copy of a provider object lives in the transcript storage. */
    String copyKey(String objectKey) {
        int slash = objectKey.lastIndexOf('/');
        return "recordings/" + id + "/" + objectKey.substring(slash + 1);
    }
}
