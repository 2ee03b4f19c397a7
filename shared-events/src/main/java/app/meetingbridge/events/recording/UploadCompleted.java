package app.meetingbridge.events.recording;

import java.time.Instant;
import java.util.List;

/**
 * Every chunk of a file uploaded to a transcript is in the transcript storage ({@code upload.completed}):
 * {@code chunkKeys} in the file's order, {@code totalBytes} their sum. The recording-worker joins them into one
 * object and runs it through the recording pipeline.
 */
public record UploadCompleted(String eventId, Instant occurredAt, String transcriptId, String bucket,
                              List<String> chunkKeys, long totalBytes) {

    public UploadCompleted {
        chunkKeys = List.copyOf(chunkKeys);
    }
}
