package app.meetingbridge.gateway.upload;

import app.meetingbridge.events.Topology;
import app.meetingbridge.events.recording.UploadCompleted;
import app.meetingbridge.gateway.transcript.TranscriptAccess.Changeable;
import app.meetingbridge.gateway.upload.MediaSniffer.Sniffed;
import app.meetingbridge.gateway.upload.UploadRepository.Chunk;
import app.meetingbridge.gateway.upload.UploadRepository.State;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.messaging.Outbox;
import app.meetingbridge.messaging.TranscriptEventLog;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * Takes the chunks of a file uploaded to a transcript, in any order and any number of times each, while the
 * transcript is {@code idle} (or {@code error} after an upload that failed before processing: a new upload then
 * starts over; one whose processing failed is run again by {@code POST /v1/transcripts/{id}/process}). Each chunk is
 * streamed to the transcript storage and recorded; the file is complete when every number below {@code total_chunks}
 * is there. Then, in one transaction, the transcript becomes {@code uploaded} (source kind {@code file}), its
 * sockets hear of it, and {@code upload.completed} goes to the recording-worker through the outbox: the transcript's
 * row is locked while a chunk is recorded, so the upload completes once however often its last chunk comes.
 *
 * <p>Refused, with the upload discarded (its chunks deleted) and the transcript in {@code error} with the reason:
 * a first chunk whose bytes are not audio or video (400) and a file over the size limit (413).
 */
@Service
class UploadService {

    private static final Logger log = LoggerFactory.getLogger(UploadService.class);

    private final UploadRepository uploads;
    private final UploadStorage storage;
    private final UploadProperties limits;
    private final Outbox outbox;
    private final TranscriptEventLog events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    UploadService(UploadRepository uploads, UploadStorage storage, UploadProperties limits, Outbox outbox,
                  TranscriptEventLog events, TransactionTemplate transactions, Clock clock) {
        this.uploads = uploads;
        this.storage = storage;
        this.limits = limits;
        this.outbox = outbox;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    void accept(Changeable transcript, int number, int total, MultipartFile chunk) {
        if (transcript.locked()) {
            throw ApiException.badRequest("Transcript is locked");
        }
        if (total < 1 || total > limits.maxChunks()) {
            throw ApiException.badRequest("total_chunks must be between 1 and " + limits.maxChunks());
        }
        if (number < 0 || number >= total) {
            throw ApiException.badRequest("chunk_number must be between 0 and total_chunks - 1 (" + (total - 1) + ")");
        }
        if (chunk.getSize() > limits.maxChunkSize().toBytes()) {
            throw tooLarge("The chunk is larger than " + limits.maxChunkSize().toBytes() + " bytes");
        }
        if (!storage.configured()) {
            throw ApiException.unavailable("Transcript storage is not configured", Duration.ofSeconds(60));
        }
        String id = transcript.id();
        String owner = transcript.userId();
        Opened opened = transactions.execute(status -> open(id, owner, number, total, chunk.getSize()));
        if (opened == Opened.ALREADY_COMPLETE) {
            return; // a chunk of an upload that already completed: taken as it was
        }
        if (opened == Opened.TOO_LARGE) {
            storage.discard(id);
            throw tooLarge(tooLargeReason());
        }
        if (number == 0) {
            Sniffed sniffed = sniff(chunk);
            if (!sniffed.media()) {
                discard(id, owner, sniffed.reason());
                throw ApiException.badRequest(sniffed.reason());
            }
        }
        try (InputStream content = chunk.getInputStream()) {
            storage.put(UploadStorage.chunkKey(id, number), content, chunk.getSize());
        } catch (IOException e) {
            throw ApiException.badRequest("The chunk could not be read: " + e.getMessage());
        } catch (UploadStorage.Unavailable e) {
            throw ApiException.withDetailsLogged(HttpStatus.SERVICE_UNAVAILABLE, "Transcript storage unavailable",
                    Duration.ofSeconds(30), e.getMessage());
        }
        transactions.executeWithoutResult(status -> record(id, owner, number, total, chunk.getSize()));
    }

    /**
     * Whether the chunk is to be stored: the transcript is {@code idle} (an {@code error} one starts over), the chunk
     * belongs to the upload under way, and the file stays within the size limit (past it the upload is discarded and
     * the transcript shows the reason); not for a chunk of an upload that already completed. Throws the other
     * refusals.
     */
    private Opened open(String id, @Nullable String owner, int number, int total, long size) {
        State state = uploads.lock(id).orElseThrow(() -> ApiException.notFound("Transcript not found"));
        if (!state.open()) {
            if (!state.status().equals("error") && completed(uploads.chunks(id), total)) {
                return Opened.ALREADY_COMPLETE;
            }
            throw ApiException.badRequest("Transcript does not take an upload in status " + state.status());
        }
        if (state.status().equals("error")) {
            uploads.forget(id);
            storage.discard(id);
            uploads.status(id, "idle", null, null, clock.instant());
            events.append(id, owner, "STATUS", Map.of("value", "idle"));
        }
        List<Chunk> chunks = uploads.chunks(id);
        if (!chunks.isEmpty() && chunks.get(0).total() != total) {
            throw ApiException.badRequest("total_chunks " + total + " differs from the upload's "
                    + chunks.get(0).total());
        }
        long others = chunks.stream().filter(chunk -> chunk.number() != number).mapToLong(Chunk::size).sum();
        if (others + size > limits.maxSize().toBytes()) {
            failed(id, owner, tooLargeReason());
            return Opened.TOO_LARGE;
        }
        return Opened.TO_STORE;
    }

    private String tooLargeReason() {
        return "The file is larger than the limit of " + limits.maxSize().toBytes() + " bytes";
    }

    private void record(String id, @Nullable String owner, int number, int total, long size) {
        State state = uploads.lock(id).orElseThrow(() -> ApiException.notFound("Transcript not found"));
        if (!state.status().equals("idle")) {
            return; // completed (or discarded) by another chunk meanwhile
        }
        Instant now = clock.instant();
        uploads.stored(id, number, total, size, now);
        List<Chunk> chunks = uploads.chunks(id);
        if (!completed(chunks, total)) {
            return;
        }
        uploads.status(id, "uploaded", null, "file", now);
        events.append(id, owner, "STATUS", Map.of("value", "uploaded"));
        String eventId = "upload-completed:" + UUID.randomUUID();
        long bytes = chunks.stream().mapToLong(Chunk::size).sum();
        outbox.add(eventId, Topology.RECORDINGS_EXCHANGE, Topology.UPLOAD_COMPLETED, new UploadCompleted(eventId, now,
                id, storage.bucket(), chunks.stream().map(chunk -> UploadStorage.chunkKey(id, chunk.number())).toList(),
                bytes));
        log.info("transcript {}: upload of {} chunk(s), {} bytes, complete", id, total, bytes);
    }

    /** Every number below {@code total} is there, all of one upload of {@code total} chunks. */
    private static boolean completed(List<Chunk> chunks, int total) {
        return chunks.size() == total && chunks.stream().allMatch(chunk -> chunk.total() == total);
    }

    private void discard(String id, @Nullable String owner, String reason) {
        transactions.executeWithoutResult(status -> {
            uploads.lock(id);
            failed(id, owner, reason);
        });
        storage.discard(id);
        log.info("transcript {}: upload refused: {}", id, reason);
    }

    private void failed(String id, @Nullable String owner, String reason) {
        uploads.forget(id);
        uploads.status(id, "error", reason, null, clock.instant());
        events.append(id, owner, "STATUS", Map.of("value", "error"));
    }

    private static Sniffed sniff(MultipartFile chunk) {
        try (InputStream content = chunk.getInputStream()) {
            return MediaSniffer.sniff(content.readNBytes(MediaSniffer.HEAD_BYTES));
        } catch (IOException e) {
            throw ApiException.badRequest("The chunk could not be read: " + e.getMessage());
        }
    }

    private enum Opened { TO_STORE, ALREADY_COMPLETE, TOO_LARGE }

    private static ApiException tooLarge(String reason) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, reason, null);
    }
}
