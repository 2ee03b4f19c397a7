package app.meetingbridge.gateway.transcript;

import app.meetingbridge.events.Topology;
import app.meetingbridge.gateway.auth.Caller;
import app.meetingbridge.gateway.web.ApiException;
import app.meetingbridge.gateway.web.Page;
import app.meetingbridge.events.recording.ReprocessRequested;
import app.meetingbridge.messaging.Outbox;
import app.meetingbridge.messaging.TranscriptEventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transcripts for the API: reading them by the share-mode rules, and reprocessing, where the transcript is claimed
 * ({@code processing}) and {@code recording.reprocess} goes to the recording-worker through the outbox in one
 * transaction (a transcript already being processed is left alone, so two requests at once start one run). A claim
 * older than {@link ReprocessProperties#reprocessClaimTimeout()} is taken as abandoned and may be taken again.
 */
@Service
class TranscriptService {

    private final TranscriptRepository transcripts;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final ReprocessProperties reprocessing;
    private final Clock clock;
    private final TranscriptEventLog events;

    TranscriptService(TranscriptRepository transcripts, Outbox outbox, TransactionTemplate transactions,
                      ReprocessProperties reprocessing, Clock clock, TranscriptEventLog events) {
        this.transcripts = transcripts;
        this.outbox = outbox;
        this.events = events;
        this.transactions = transactions;
        this.reprocessing = reprocessing;
        this.clock = clock;
    }

    /** The transcript, if the caller may read it: 404 "Transcript not found", 403 "Transcript access denied". */
    Transcript readable(Caller caller, String transcriptId) {
        Transcript transcript = transcripts.find(transcriptId)
                .orElseThrow(() -> ApiException.notFound("Transcript not found"));
        if (!transcript.visibleTo(caller)) {
            throw ApiException.forbidden("Transcript access denied");
        }
        return transcript;
    }

    /**
     * A page of the caller's transcripts (every one for a caller who owns everything) that pass the filter, newest
     * first or by change sequence.
     */
    Page<Transcript> page(Caller caller, int page, int size, TranscriptFilter filter) {
        String owner = caller.userId() == null ? "" : caller.userId();
        int total = transcripts.count(owner, caller.ownsEverything(), filter);
        return Page.of(transcripts.page(owner, caller.ownsEverything(), filter, Page.offset(page, size), size),
                total, page, size);
    }

    /**
     * True if this request started a run, false if one was already under way (claimed less than the claim timeout
     * ago).
     */
    boolean reprocess(Transcript transcript) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            Instant now = clock.instant();
            if (!transcripts.claimForProcessing(transcript.id(), now, now.minus(reprocessing.reprocessClaimTimeout()))) {
                return false;
            }
            String eventId = "recording-reprocess:" + UUID.randomUUID();
            outbox.add(eventId, Topology.RECORDINGS_EXCHANGE, Topology.RECORDING_REPROCESS,
                    new ReprocessRequested(eventId, now, transcript.id(), transcript.recordingId()));
            // the live sockets see the claim with it
            events.append(transcript.id(), transcript.userId(), "STATUS", Map.of("value", "processing"));
            return true;
        }));
    }
}
