package app.meetingbridge.system;

import app.meetingbridge.testsupport.TestS3;
import java.util.Map;

/** The settings that point a started service at this run's transcript storage on s3proxy. */
final class SystemStorage {

    private SystemStorage() {
    }

    static Map<String, String> transcripts(TestS3 s3, String bucket) {
        return Map.of(
                "S3_ENDPOINT", s3.endpoint().toString(),
                "TRANSCRIPT_STORAGE_AWS_BUCKET_NAME", bucket,
                "TRANSCRIPT_STORAGE_AWS_REGION", TestS3.REGION,
                "TRANSCRIPT_STORAGE_AWS_ACCESS_KEY_ID", TestS3.ACCESS_KEY,
                "TRANSCRIPT_STORAGE_AWS_SECRET_ACCESS_KEY", TestS3.SECRET_KEY);
    }
}
