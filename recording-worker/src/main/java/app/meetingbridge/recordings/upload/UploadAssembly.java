package app.meetingbridge.recordings.upload;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.ReprocessRequested;
import app.meetingbridge.events.recording.UploadCompleted;
import app.meetingbridge.messaging.Outbox;
import app.meetingbridge.recordings.audio.Ffmpeg;
import app.meetingbridge.recordings.audio.WorkFolder;
import app.meetingbridge.recordings.storage.S3RecordingStore;
import app.meetingbridge.recordings.storage.StorageException;
import app.meetingbridge.recordings.storage.StorageException.Reason;
import app.meetingbridge.recordings.upload.UploadRepository.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes one file of an upload's chunks and hands it to the recording pipeline. The chunks stream, in their order,
 * from the transcript storage into a temporary file (memory holds one read buffer, whatever the file's size), which
 * ffmpeg checks for audio ({@link AudioCheck}) and which is stored as {@code uploads/{transcript id}/file}. Then, in
 * one transaction, a {@code recording} of platform {@code upload} is made for it, the transcript is linked to it
 * and claimed ({@code processing}), and {@code recording.reprocess} goes to the pipeline through the outbox, as a
 * rerun asked for by a user does; the chunks are deleted last. A file ffmpeg finds no audio in ends the transcript
 * in {@code error} with the reason, and its chunks are deleted: nothing is tried again. A repeated message, for a
 * transcript already linked to its recording, only makes sure the chunks are gone.
 */
@Service
class UploadAssembly {

    private static final Logger log = LoggerFactory.getLogger(UploadAssembly.class);

    private final UploadRepository uploads;
    private final ObjectProvider<S3RecordingStore> storage;
    private final AudioCheck audio;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    UploadAssembly(UploadRepository uploads, ObjectProvider<S3RecordingStore> storage, Ffmpeg ffmpeg, Outbox outbox,
                   TransactionTemplate transactions, Clock clock) {
        this.uploads = uploads;
        this.storage = storage;
        this.audio = new AudioCheck(ffmpeg);
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Where the joined file of a transcript's upload is kept. */
    static String fileKey(String transcriptId) {
        return S3RecordingStore.UPLOADS_FOLDER + transcriptId + "/file";
    }

    void assemble(UploadCompleted upload) {
        String folder = S3RecordingStore.UPLOADS_FOLDER + upload.transcriptId() + "/";
        if (upload.chunkKeys().isEmpty() || upload.chunkKeys().stream().anyMatch(key -> !key.startsWith(folder))) {
            throw new IllegalArgumentException("upload.completed " + upload.eventId() + ": its chunks must be under "
                    + folder);
        }
        S3RecordingStore store = storage.getIfAvailable();
        if (store == null) {
            throw new IllegalStateException("TRANSCRIPT_STORAGE_AWS_BUCKET_NAME is not set: upload of transcript "
                    + upload.transcriptId() + " cannot be read");
        }
        Target transcript = uploads.transcript(upload.transcriptId()).orElse(null);
        if (transcript == null) {
            log.info("upload of transcript {}: the transcript is gone, its chunks are deleted", upload.transcriptId());
            delete(store, upload.chunkKeys());
            return;
        }
        if (transcript.recordingId() != null) {
            log.info("upload of transcript {}: already handed to recording {}", transcript.id(),
                    transcript.recordingId());
            delete(store, upload.chunkKeys());
            return;
        }
        if (!transcript.status().equals("uploaded")) {
            log.info("upload of transcript {}: the transcript is {}, nothing to do", transcript.id(),
                    transcript.status());
            return;
        }
        String key = fileKey(transcript.id());
        try (WorkFolder work = WorkFolder.create("upload-" + transcript.id())) {
            Path file = work.resolve("file");
            long bytes = store.concatenate(upload.chunkKeys(), file);
            if (bytes != upload.totalBytes()) {
                throw new StorageException(Reason.TRUNCATED, "the chunks of transcript " + transcript.id() + " hold "
                        + bytes + " bytes, the upload " + upload.totalBytes());
            }
            Optional<String> problem = audio.problem(file);
            if (problem.isPresent()) {
                transactions.executeWithoutResult(status -> uploads.failed(transcript, problem.get(), clock.instant()));
                delete(store, upload.chunkKeys());
                log.info("upload of transcript {} refused: {}", transcript.id(), problem.get());
                return;
            }
            store.upload(file, key, "application/octet-stream");
            log.info("upload of transcript {}: {} chunk(s) joined into {} ({} bytes)", transcript.id(),
                    upload.chunkKeys().size(), key, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("checking the upload of transcript " + transcript.id() + ": "
                    + e.getMessage(), e);
        }
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            uploads.handOver(transcript, store.transcriptsBucket(), key, now).ifPresent(recordingId -> {
                String eventId = "recording-reprocess:" + UUID.randomUUID();
                outbox.add(eventId, Topology.RECORDINGS_EXCHANGE, Topology.RECORDING_REPROCESS,
                        new ReprocessRequested(eventId, now, transcript.id(), recordingId));
            });
        });
        delete(store, upload.chunkKeys());
    }

    private static void delete(S3RecordingStore store, List<String> keys) {
        keys.forEach(store::deleteFromTranscripts);
    }
}
